using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PakLoad.Api.Endpoints;
using PakLoad.Api.Hosting;
using PakLoad.Core.Common;
using PakLoad.Core.Localization;

namespace PakLoad.Api.Pages;

/// <summary>
/// Chat with PakLoad as a WhatsApp user (bubbles, buttons, lists, a location pin), an SMS user or a feature
/// phone on USSD (a screen and a keypad), through the real webhooks. Embedded default: open; otherwise admins.
/// </summary>
public sealed class SimulatorModel(LocaleCatalog locales, IServiceProvider services) : PageModel
{
    public Func<string, string> Text => key => locales.Format(key, Language.En);

    public IActionResult OnGet() =>
        SimulatorEndpoints.Allowed(HttpContext, services.GetRequiredService<PakLoadSettings>()) ? Page() : NotFound();
}
