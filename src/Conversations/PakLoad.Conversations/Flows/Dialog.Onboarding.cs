using PakLoad.Conversations.Engine;
using PakLoad.Core.Common;
using PakLoad.Core.Parties;
using CoreLanguage = PakLoad.Core.Common.Language;

namespace PakLoad.Conversations.Flows;

/// <summary>Onboarding (language, role, name, vehicle for carriers, optional CNIC), the menu, language and resume.</summary>
internal sealed partial class Dialog
{
    private static readonly (string Id, CoreLanguage Language)[] LanguageOptions =
        [("ur-Latn", CoreLanguage.UrLatn), ("ur", CoreLanguage.Ur), ("en", CoreLanguage.En)];

    private static readonly string[] PopularVehicles = ["shehzore", "mazda", "10-wheeler", "22-wheeler", "container-40ft"];

    private void ConfigureOnboarding()
    {
        Flow(Step.Onboarding);
        FormStep(Step.OnboardLanguage, Step.Onboarding, () => Step.OnboardRole, "role");
        FormStep(Step.OnboardRole, Step.Onboarding, () => Step.OnboardName, "name");
        FormStep(Step.OnboardName, Step.Onboarding, () => S.Slot(Slots.Role) == nameof(PartyRole.Carrier) ? Step.OnboardVehicle : Step.OnboardCnic, "vehicle for carriers, else CNIC");
        FormStep(Step.OnboardVehicle, Step.Onboarding, () => Step.OnboardCnic, "CNIC");
        _m.Configure(Step.OnboardCnic)
            .SubstateOf(Step.Onboarding)
            .OnEntryAsync(async () => { S.Retries = 0; await AskAsync(Step.OnboardCnic); })
            .InternalTransitionAsync(Trigger.Answer, _ => RegisterAsync());
    }

    private void AskOnboarding(Step step)
    {
        switch (step)
        {
            case Step.OnboardLanguage:
                _t.Ask("chat.onboard.ask_language", PromptExpects.Choice, LanguageOptions.Select(l => PromptOption.Of(l.Id, $"chat.option.lang_{l.Id}")).ToArray());
                break;
            case Step.OnboardRole:
                _t.Ask("chat.onboard.ask_role", PromptExpects.Choice, [PromptOption.Of("shipper", "chat.option.shipper"), PromptOption.Of("carrier", "chat.option.carrier")]);
                break;
            case Step.OnboardName:
                _t.Ask("chat.onboard.ask_name", PromptExpects.Text);
                break;
            case Step.OnboardVehicle:
                _t.Ask("chat.onboard.ask_vehicle", PromptExpects.Choice, PopularVehicles.Select(v => PromptOption.Of(v, "chat.option.vehicle", TurnContext.Arg("vehicle", _t.Vehicle(v)))).ToArray());
                break;
            case Step.OnboardCnic:
                _t.Ask("chat.onboard.ask_cnic", PromptExpects.Choice, [PromptOption.Of("skip", "chat.option.skip")]);
                break;
        }
    }

    private Reading ReadOnboarding()
    {
        switch (S.Step)
        {
            case Step.OnboardLanguage:
                var picked = _t.PickedOption();
                var language = picked is not null ? LanguageOptions.First(l => l.Id == picked).Language : _t.Read.Commands.MatchLanguage(_t.Input);
                if (language is null)
                {
                    return Reading.Invalid("chat.choose_number");
                }

                S.Language = language.Value;
                S.LanguageChosen = true;
                return Reading.Answer;
            case Step.OnboardRole:
                var role = _t.PickedOption() switch
                {
                    "shipper" => PartyRole.Shipper,
                    "carrier" => PartyRole.Carrier,
                    _ => _t.Read.Commands.MatchRole(_t.Input),
                };
                if (role is null)
                {
                    return Reading.Invalid("chat.choose_number");
                }

                S.Set(Slots.Role, role.Value.ToString());
                return Reading.Answer;
            case Step.OnboardName:
                var name = _t.Message.Text?.Trim() ?? string.Empty;
                if (name.Length is < 2 or > Party.MaxNameLength || name.Any(char.IsControl) || !name.Any(char.IsLetter))
                {
                    return Reading.Invalid("chat.onboard.name_invalid");
                }

                S.Set(Slots.Name, name);
                return Reading.Answer;
            case Step.OnboardVehicle:
                var vehicle = _t.PickedOption() ?? _t.Read.Vehicles.Interpret(_t.Input.Tokens).Class?.Value;
                if (vehicle is null)
                {
                    return Reading.Invalid("chat.vehicle_unknown", ("input", _t.Input.Text));
                }

                S.Set(Slots.Vehicle, vehicle);
                return Reading.Answer;
            default:
                if (_t.PickedOption() == "skip" || _t.Read.Commands.IsSkip(_t.Input))
                {
                    S.Clear(Slots.Cnic);
                    return Reading.Answer;
                }

                var cnic = Cnic.Parse(_t.Message.Text);
                if (!cnic.IsSuccess)
                {
                    return Reading.Invalid(cnic.Error!);
                }

                S.Set(Slots.Cnic, cnic.Value!.Digits);
                return Reading.Answer;
        }
    }

    private async Task RegisterAsync()
    {
        var registered = await _t.Market.RegisterAsync(
            new RegisterPartyCommand(
                _t.Message.Phone,
                S.Slot(Slots.Name),
                Enum.Parse<PartyRole>(S.Slot(Slots.Role)!),
                S.Language,
                _t.Message.Channel,
                S.Slot(Slots.Vehicle),
                S.Slot(Slots.Cnic)),
            _t.CancellationToken);
        if (!registered.IsSuccess)
        {
            _t.Say(registered.Error!);
            await StartAsync(Step.OnboardName);
            return;
        }

        _t.Party = registered.Value;
        S.PartyId = registered.Value!.Id.Value;
        _t.Say("chat.onboard.welcome", TurnContext.Arg("name", registered.Value.Name));
        await _m.FireAsync(Trigger.Done);
        if (S.PendingText is null)
        {
            ShowMenu();
        }
    }

    private void ConfigureLanguageAndResume()
    {
        _m.Configure(Step.LanguagePick)
            .SubstateOf(Step.Form)
            .OnEntryAsync(async () => { S.Retries = 0; await AskAsync(Step.LanguagePick); })
            .InternalTransitionAsync(Trigger.Answer, _ => ChangeLanguageAsync());
        _m.Configure(Step.ResumeOffer)
            .SubstateOf(Step.Form)
            .OnEntryAsync(async () => { S.Retries = 0; await AskAsync(Step.ResumeOffer); })
            .PermitDynamic(Trigger.Yes, TakeSuspended, "the step the form was paused at")
            .Permit(Trigger.No, Step.Idle);
        _m.Configure(Step.Idle).OnEntryFrom(Trigger.No, () => { S.ResetFlow(); ShowMenu(); });
    }

    private void AskLanguagePick() =>
        _t.Ask("chat.language.ask", PromptExpects.Choice, LanguageOptions.Select(l => PromptOption.Of(l.Id, $"chat.option.lang_{l.Id}")).ToArray());

    private Reading ReadLanguagePick()
    {
        var picked = _t.PickedOption();
        var language = picked is not null ? LanguageOptions.First(l => l.Id == picked).Language : _t.Read.Commands.MatchLanguage(_t.Input);
        if (language is null)
        {
            return Reading.Invalid("chat.choose_number");
        }

        S.Set(Slots.Language, language.Value.ToCode());
        return Reading.Answer;
    }

    private async Task ChangeLanguageAsync()
    {
        var language = LanguageCodes.Parse(S.Slot(Slots.Language)).ValueOrThrow();
        await SwitchLanguageAsync(language);
        _t.Say("chat.language.changed");
        await _m.FireAsync(Trigger.Done);
        ShowMenu();
    }

    /// <summary>Sets the language for this session and, for a registered party, for every channel.</summary>
    public async Task SwitchLanguageAsync(CoreLanguage language)
    {
        S.Language = language;
        S.LanguageChosen = true;
        if (_t.Party is { } party && party.Language != language)
        {
            await _t.Market.ChangeLanguageAsync(new ChangeLanguageCommand(party.Id, language), _t.CancellationToken);
        }
    }

    private Step TakeSuspended()
    {
        var step = S.Suspended ?? Step.Idle;
        S.Suspended = null;
        return step;
    }

    private void AskResume() =>
        _t.Ask("chat.resume.ask", PromptExpects.Choice, [PromptOption.Of("continue", "chat.option.continue"), PromptOption.Of("restart", "chat.option.start_again")]);

    private Reading ReadResume()
    {
        var picked = _t.PickedOption();
        if (picked == "continue" || (picked is null && YesNoAnswer()?.Kind == ReadingKind.Yes))
        {
            return Reading.Yes;
        }

        if (picked == "restart" || (picked is null && YesNoAnswer()?.Kind == ReadingKind.No))
        {
            return Reading.No;
        }

        return Reading.Invalid("chat.choose_number");
    }
}
