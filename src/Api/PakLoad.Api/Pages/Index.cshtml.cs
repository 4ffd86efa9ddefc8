using System.Globalization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PakLoad.Api.Hosting;
using PakLoad.Core.Common;
using PakLoad.Core.Localization;
using PakLoad.Core.Places;
using PakLoad.Core.Vehicles;

namespace PakLoad.Api.Pages;

/// <summary>The landing page: what PakLoad is and links to whatever this instance serves, in the visitor's language.</summary>
public sealed class IndexModel(LocaleCatalog locales, Gazetteer gazetteer, VehicleCatalogue vehicles, IServiceProvider services) : PageModel
{
    public Language Language { get; private set; } = Language.En;

    public int PlaceCount => gazetteer.All.Count;

    public int VehicleClassCount => vehicles.Classes.Count;

    public bool ShowJobs => services.GetService<PakLoadSettings>() is { UsesPostgres: false };

    public Func<string, string> Text => key => locales.Format(key, Language);

    public void OnGet(string? lang)
    {
        var parsed = LanguageCodes.Parse(lang);
        Language = parsed.IsSuccess ? parsed.Value : Language.En;
    }

    public string Format(string key, (string Name, int Value) arg) =>
        locales.Format(key, Language, (arg.Name, arg.Value.ToString(CultureInfo.InvariantCulture)));
}
