using Microsoft.AspNetCore.Mvc.RazorPages;
using PakLoad.Core.Places;
using PakLoad.Core.Vehicles;

namespace PakLoad.Admin.Areas.Admin.Pages.Places;

/// <summary>Reference data as the exchange resolves it, so admins can check a user's spelling against it.</summary>
public sealed class IndexModel(Gazetteer gazetteer, VehicleCatalogue vehicles) : PageModel
{
    public IReadOnlyList<Place> Places => gazetteer.All;

    public VehicleCatalogue Vehicles => vehicles;
}
