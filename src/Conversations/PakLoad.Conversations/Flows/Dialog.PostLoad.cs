using System.Globalization;
using PakLoad.Conversations.Engine;
using PakLoad.Conversations.Language;
using PakLoad.Core.Common;
using PakLoad.Core.Loads;
using PakLoad.Core.Parties;

namespace PakLoad.Conversations.Flows;

/// <summary>Post a load: from, to, weight, pickup day, then a confirmation that also takes corrections.</summary>
internal sealed partial class Dialog
{
    private static readonly string[] EditFields = ["from", "to", "weight", "date"];

    private void ConfigurePostLoad()
    {
        Flow(Step.PostLoad);
        FormStep(Step.PostOrigin, Step.PostLoad, NextPostStep, "the first empty slot, or the confirmation");
        FormStep(Step.PostDestination, Step.PostLoad, NextPostStep, "the first empty slot, or the confirmation");
        FormStep(Step.PostWeight, Step.PostLoad, NextPostStep, "the first empty slot, or the confirmation");
        FormStep(Step.PostDate, Step.PostLoad, NextPostStep, "the first empty slot, or the confirmation");
        _m.Configure(Step.PostConfirm)
            .SubstateOf(Step.PostLoad)
            .OnEntryAsync(async () => { S.Retries = 0; S.ReturnToConfirm = true; await AskAsync(Step.PostConfirm); })
            .InternalTransitionAsync(Trigger.Yes, _ => CommitLoadAsync())
            .Permit(Trigger.No, Step.PostEdit)
            .PermitReentry(Trigger.Answer);
        _m.Configure(Step.PostEdit)
            .SubstateOf(Step.PostLoad)
            .OnEntryAsync(async () => { S.Retries = 0; await AskAsync(Step.PostEdit); })
            .PermitDynamic(Trigger.Answer, EditTarget, "the field chosen, asked again", new Stateless.Reflection.DynamicStateInfos
            {
                { Step.PostOrigin, "from" }, { Step.PostDestination, "to" }, { Step.PostWeight, "weight" }, { Step.PostDate, "date" },
            })
            .Permit(Trigger.Yes, Step.PostConfirm);
    }

    private Step NextPostStep()
    {
        if (S.Has(Slots.SuggestionFor))
        {
            return S.Slot(Slots.SuggestionFor) == Slots.To ? Step.PostDestination : Step.PostOrigin;
        }

        if (S.ReturnToConfirm && S.Has(Slots.From) && S.Has(Slots.To) && S.Has(Slots.Kg) && S.Has(Slots.Date))
        {
            return Step.PostConfirm;
        }

        return !S.Has(Slots.From) ? Step.PostOrigin
            : !S.Has(Slots.To) ? Step.PostDestination
            : !S.Has(Slots.Kg) ? Step.PostWeight
            : !S.Has(Slots.Date) ? Step.PostDate
            : Step.PostConfirm;
    }

    private Step EditTarget()
    {
        var field = S.Slot("edit");
        S.Clear("edit");
        return field switch
        {
            "from" => Step.PostOrigin,
            "to" => Step.PostDestination,
            "weight" => Step.PostWeight,
            _ => Step.PostDate,
        };
    }

    private void AskPostLoad(Step step)
    {
        switch (step)
        {
            case Step.PostOrigin:
                if (!AskSuggestion(Slots.From))
                {
                    _t.Ask("chat.post.ask_origin", PromptExpects.Text);
                }

                break;
            case Step.PostDestination:
                if (!AskSuggestion(Slots.To))
                {
                    _t.Ask("chat.post.ask_destination", PromptExpects.Text, null, TurnContext.Arg("from", _t.City(S.Slot(Slots.From)!)));
                }

                break;
            case Step.PostWeight:
                if (S.Slot(Slots.PendingAmount) is { } amount)
                {
                    _t.Ask("chat.post.ask_unit", PromptExpects.Choice, [
                        PromptOption.Of("ton", "chat.option.ton", TurnContext.Arg("n", amount)),
                        PromptOption.Of("kg", "chat.option.kg", TurnContext.Arg("n", amount)),
                        PromptOption.Of("maund", "chat.option.maund", TurnContext.Arg("n", amount)),
                    ], TurnContext.Arg("n", amount));
                }
                else
                {
                    _t.Ask("chat.post.ask_weight", PromptExpects.Text);
                }

                break;
            case Step.PostDate:
                AskDate("chat.post.ask_date");
                break;
            case Step.PostConfirm:
                AskPostConfirm(); // the lane price and the question follow in AskAsync
                break;
            case Step.PostEdit:
                _t.Ask("chat.post.ask_edit", PromptExpects.Choice, EditFields.Select(f => PromptOption.Of(f, $"chat.option.edit_{f}")).ToArray());
                break;
        }
    }

    /// <summary>The day a date question's option (today, tomorrow, day after) picked, if one was.</summary>
    private DateOnly? PickedDay() => _t.PickedOption() switch
    {
        "today" => _t.Today,
        "tomorrow" => _t.Today.AddDays(1),
        "dayafter" => _t.Today.AddDays(2),
        _ => null,
    };

    private void AskDate(string key)
    {
        var today = _t.Today;
        _t.Ask(key, PromptExpects.Choice, [
            PromptOption.Of("today", "chat.option.today", TurnContext.Arg("date", _t.Date(today))),
            PromptOption.Of("tomorrow", "chat.option.tomorrow", TurnContext.Arg("date", _t.Date(today.AddDays(1)))),
            PromptOption.Of("dayafter", "chat.option.day_after", TurnContext.Arg("date", _t.Date(today.AddDays(2)))),
        ]);
    }

    private void AskPostConfirm()
    {
        var kg = int.Parse(S.Slot(Slots.Kg)!, CultureInfo.InvariantCulture);
        if (!S.Has(Slots.Vehicle))
        {
            // Never silent: the guessed vehicle is shown in the summary and a typed vehicle replaces it.
            var fit = _t.Market.Vehicles.Classes.Where(c => c.CanCarry(kg)).MinBy(c => c.MaxPayloadKg);
            if (fit is not null)
            {
                S.Set(Slots.Vehicle, fit.Id.Value);
            }
        }

        _t.Say(
            "chat.post.summary",
            TurnContext.Arg("from", _t.City(S.Slot(Slots.From)!)),
            TurnContext.Arg("to", _t.City(S.Slot(Slots.To)!)),
            TurnContext.Arg("weight", _t.Weight(kg)),
            TurnContext.Arg("date", _t.Date(DateOnly.ParseExact(S.Slot(Slots.Date)!, "yyyy-MM-dd", CultureInfo.InvariantCulture))),
            TurnContext.Arg("vehicle", S.Slot(Slots.Vehicle) is { } v ? _t.Vehicle(v) : "-"));
        if (S.Slot(Slots.Price) is { } price)
        {
            _t.Say("chat.post.summary_price", TurnContext.Arg("price", _t.Money(new Money(long.Parse(price, CultureInfo.InvariantCulture)))));
        }

        if (S.Slot(Slots.Receiver) is { } receiver)
        {
            _t.Say("chat.post.summary_receiver", TurnContext.Arg("phone", PhoneNumber.FromE164(receiver).National));
        }
    }

    private void AskYesNo(string key, params PromptArg[] args) =>
        _t.Ask(key, PromptExpects.YesNo, [PromptOption.Of("yes", "chat.option.yes"), PromptOption.Of("no", "chat.option.no")], args);

    private Reading ReadPostLoad()
    {
        var step = S.Step;
        if (step == Step.PostEdit)
        {
            var pick = _t.PickedOption();
            if (pick is not null && EditFields.Contains(pick, StringComparer.Ordinal))
            {
                S.Set("edit", pick);
                return Reading.Answer;
            }

            // A value typed here is a correction too.
            return FillPostLoad(step) > 0 ? Reading.Yes : Reading.Invalid("chat.choose_number");
        }

        if (step == Step.PostConfirm)
        {
            var answer = YesNoAnswer();
            if (answer is not null)
            {
                return answer.Value;
            }

            if (FillPostLoad(step) > 0)
            {
                _t.Say("chat.updated");
                return NextPostStep() == Step.PostConfirm ? Reading.Answer : Reading.Go(NextPostStep());
            }

            return Reading.Invalid("chat.post.confirm_unclear");
        }

        if (step is Step.PostOrigin or Step.PostDestination)
        {
            var slot = step == Step.PostOrigin ? Slots.From : Slots.To;
            var suggested = ReadSuggestion(slot);
            if (suggested is not null)
            {
                return suggested.Value;
            }
        }

        if (step == Step.PostWeight && S.Slot(Slots.PendingAmount) is { } pending)
        {
            var unit = _t.PickedOption() ?? UnitWord();
            if (unit is "ton" or "kg" or "maund")
            {
                S.Clear(Slots.PendingAmount);
                var amount = decimal.Parse(pending, CultureInfo.InvariantCulture);
                var weightUnit = unit switch { "ton" => WeightUnit.Ton, "kg" => WeightUnit.Kg, _ => WeightUnit.Maund };
                return SetWeight(amount, weightUnit) ? Reading.Answer : Reading.Invalid("chat.post.weight_range");
            }

            S.Clear(Slots.PendingAmount);
        }

        var before = S.Slots.Count;
        var filled = FillPostLoad(step);
        if (StepSlotFilled(step))
        {
            return Reading.Answer;
        }

        if (S.Has(Slots.SuggestionFor))
        {
            return Reading.Go(NextPostStep());
        }

        return ExplainPostInvalid(step, filled > 0 || S.Slots.Count != before);
    }

    private Reading? YesNoAnswer()
    {
        if (_t.PickedOption() is { } option)
        {
            return option == "yes" ? Reading.Yes : option == "no" ? Reading.No : null;
        }

        return _t.Read.YesNo.Interpret(_t.Input) switch
        {
            Answer.Yes => Reading.Yes,
            Answer.No => Reading.No,
            _ => null,
        };
    }

    private string? UnitWord()
    {
        foreach (var token in _t.Input.Tokens)
        {
            if (_t.Read.Numbers.Lexicon.TryGetWeightUnit(token, out var unit))
            {
                return unit switch { WeightUnit.Ton => "ton", WeightUnit.Kg => "kg", _ => "maund" };
            }
        }

        return null;
    }

    private bool StepSlotFilled(Step step) => step switch
    {
        Step.PostOrigin => S.Has(Slots.From),
        Step.PostDestination => S.Has(Slots.To),
        Step.PostWeight => S.Has(Slots.Kg) || S.Has(Slots.PendingAmount),
        Step.PostDate => S.Has(Slots.Date),
        _ => false,
    };

    private Reading ExplainPostInvalid(Step step, bool filledSomethingElse)
    {
        if (S.Slot("error") is { } key)
        {
            S.Clear("error");
            var arg = S.Slot("error_arg") ?? string.Empty;
            S.Clear("error_arg");
            return Reading.Invalid(key, ("input", arg));
        }

        if (filledSomethingElse)
        {
            // Another slot was given; this one is still missing: ask it again without a strike.
            _t.Say("chat.updated");
            return Reading.Go(NextPostStep());
        }

        return step switch
        {
            Step.PostOrigin or Step.PostDestination => Reading.Invalid("chat.city_unknown", ("input", _t.Input.Text)),
            Step.PostWeight => Reading.Invalid("chat.post.weight_needed"),
            Step.PostDate => Reading.Invalid("chat.date_unknown"),
            _ => Reading.Invalid("chat.not_understood"),
        };
    }

    /// <summary>
    /// Fill-ahead: every slot the message names is taken, whatever step asked. Returns how many slots were set.
    /// A city misspelt is not taken silently: it becomes a suggestion the user confirms.
    /// </summary>
    private int FillPostLoad(Step step)
    {
        var tokens = _t.Input.Tokens;
        var filled = 0;
        var route = _t.Read.Routes.Interpret(tokens);
        PlaceMatch origin = route.OriginMatch, destination = route.DestinationMatch;
        if (!origin.IsFound && !destination.IsFound)
        {
            var single = _t.Read.Places.Interpret(tokens);
            // At the confirmation a bare city could be either end: only "X se" / "to X" changes a city there.
            if (single.IsFound && step is not Step.PostConfirm and not Step.PostEdit)
            {
                if (step == Step.PostDestination || (S.Has(Slots.From) && !S.Has(Slots.To) && step != Step.PostOrigin))
                {
                    destination = single;
                }
                else
                {
                    origin = single;
                }
            }
        }

        if (_t.Message.Location is { } pin && step is Step.PostOrigin or Step.PostDestination)
        {
            var nearest = _t.Market.Gazetteer.Nearest(pin).Place;
            filled += TakePlace(step == Step.PostOrigin ? Slots.From : Slots.To, new PlaceMatch(PlaceMatchKind.Exact, nearest.Id, [], default, 0)) ? 1 : 0;
        }

        filled += TakePlace(Slots.From, origin) ? 1 : 0;
        filled += TakePlace(Slots.To, destination) ? 1 : 0;

        var phoneLike = tokens.Any(NumberInterpreter.IsPhoneLike);
        if (phoneLike)
        {
            var phone = PhoneNumber.Parse(string.Concat(tokens.Where(t => t.All(char.IsAsciiDigit) || t.StartsWith('+'))));
            if (phone.IsSuccess && step is Step.PostConfirm or Step.PostEdit)
            {
                S.Set(Slots.Receiver, phone.Value!.E164);
                filled++;
            }
            else if (step == Step.PostWeight)
            {
                S.Set("error", "chat.post.phone_not_weight");
                S.Set("error_arg", _t.Input.Text);
            }
        }

        var weight = _t.Read.Weight.Interpret(_t.Input);
        if (!phoneLike)
        {
            switch (weight.Kind)
            {
                case WeightReadingKind.Weight:
                    filled += SetWeight(weight.Amount, weight.Unit) ? 1 : 0;
                    break;
                case WeightReadingKind.Invalid:
                    S.Set("error", weight.Error?.Key ?? "chat.post.weight_range");
                    S.Set("error_arg", _t.Input.Text);
                    break;
                // A bare number is asked about ("20 what?"), but not a zero: that is no weight at all (T18).
                case WeightReadingKind.Ambiguous when step == Step.PostWeight && weight.Amount > 0:
                    S.Set(Slots.PendingAmount, weight.Amount.ToString(CultureInfo.InvariantCulture));
                    filled++;
                    break;
            }
        }

        if (_t.Read.Dates.Interpret(tokens, _t.Clock, slotLooksForward: true) is { } date)
        {
            if (date < _t.Today)
            {
                S.Set("error", "chat.date_past");
                S.Set("error_arg", _t.Input.Text);
            }
            else
            {
                S.Set(Slots.Date, date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                filled++;
            }
        }
        else if (step == Step.PostDate && PickedDay() is { } picked)
        {
            S.Set(Slots.Date, picked.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            filled++;
        }

        var vehicle = _t.Read.Vehicles.Interpret(tokens);
        if (vehicle.Class is { } vehicleClass)
        {
            S.Set(Slots.Vehicle, vehicleClass.Value);
            filled++;
        }

        var money = _t.Read.Money.Interpret(_t.Input);
        if (money.IsSure && !phoneLike)
        {
            S.Set(Slots.Price, money.Amount.Paisa.ToString(CultureInfo.InvariantCulture));
            filled++;
        }

        if (S.Has(Slots.From) && S.Slot(Slots.From) == S.Slot(Slots.To))
        {
            // The same city twice: keep the pickup city, ask the destination again.
            S.Clear(Slots.To);
            S.Set("error", "chat.same_city");
            S.Set("error_arg", _t.City(S.Slot(Slots.From)!));
            filled--;
        }

        _t.Note($"fill {filled}: {string.Join(' ', S.Slots.Where(kv => kv.Key is not "error" and not "error_arg").Select(kv => $"{kv.Key}={kv.Value}"))}");
        return filled;
    }

    private bool SetWeight(decimal amount, WeightUnit unit)
    {
        var kg = unit switch
        {
            WeightUnit.Ton => amount * 1000m,
            WeightUnit.Maund => amount * 40m,
            _ => amount,
        };
        if (kg <= 0 || kg > Weight.MaxKg)
        {
            S.Set("error", "chat.post.weight_range");
            S.Set("error_arg", _t.Input.Text);
            return false;
        }

        S.Set(Slots.Kg, ((int)Math.Round(kg)).ToString(CultureInfo.InvariantCulture));
        S.Set(Slots.WeightAmount, amount.ToString(CultureInfo.InvariantCulture));
        S.Set(Slots.WeightUnit, unit.ToString());
        return true;
    }

    /// <summary>An exact city is taken; a misspelt one is offered as a suggestion; ties are asked about.</summary>
    private bool TakePlace(string slot, PlaceMatch match)
    {
        switch (match.Kind)
        {
            case PlaceMatchKind.Exact when match.Place is { } place:
                S.Set(slot, place.Value);
                if (S.Slot(Slots.SuggestionFor) == slot)
                {
                    S.Clear(Slots.Suggestion);
                    S.Clear(Slots.SuggestionFor);
                }

                return true;
            case PlaceMatchKind.Fuzzy when match.Place is { } guess:
                S.Set(Slots.Suggestion, guess.Value);
                S.Set(Slots.SuggestionFor, slot);
                return false;
            case PlaceMatchKind.Ambiguous when match.Candidates.Count > 0:
                S.Set(Slots.Suggestion, match.Candidates[0].Value);
                S.Set(Slots.SuggestionFor, slot);
                return false;
            default:
                return false;
        }
    }

    private bool AskSuggestion(string slot)
    {
        if (S.Slot(Slots.SuggestionFor) != slot || S.Slot(Slots.Suggestion) is not { } guess)
        {
            return false;
        }

        AskYesNo("chat.did_you_mean", TurnContext.Arg("city", _t.City(guess)));
        return true;
    }

    /// <summary>The answer to "did you mean Faisalabad?": yes takes it, no asks the city again.</summary>
    private Reading? ReadSuggestion(string slot)
    {
        if (S.Slot(Slots.SuggestionFor) != slot || S.Slot(Slots.Suggestion) is not { } guess)
        {
            return null;
        }

        var answer = YesNoAnswer();
        if (answer?.Kind == ReadingKind.Yes)
        {
            S.Clear(Slots.Suggestion);
            S.Clear(Slots.SuggestionFor);
            S.Set(slot, guess);
            return Reading.Answer;
        }

        S.Clear(Slots.Suggestion);
        S.Clear(Slots.SuggestionFor);
        if (answer?.Kind == ReadingKind.No)
        {
            _t.Say("chat.type_city_again");
            return Reading.Go(S.Step);
        }

        return null;
    }

    private async Task CommitLoadAsync()
    {
        var party = _t.Party!;
        var date = DateOnly.ParseExact(S.Slot(Slots.Date)!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var receiver = S.Slot(Slots.Receiver) ?? party.Phone.E164;
        var price = S.Slot(Slots.Price) is { } paisa ? new Money(long.Parse(paisa, CultureInfo.InvariantCulture)) : (Money?)null;
        var input = new LoadInput(
            PlaceInput.Named(S.Slot(Slots.From)!),
            PlaceInput.Named(S.Slot(Slots.To)!),
            date,
            date,
            "General goods",
            decimal.Parse(S.Slot(Slots.WeightAmount)!, CultureInfo.InvariantCulture),
            Enum.Parse<WeightUnit>(S.Slot(Slots.WeightUnit)!),
            S.Slot(Slots.Vehicle) ?? string.Empty,
            null,
            RateMode.Bids,
            price,
            party.Name,
            receiver,
            null,
            LoadVisibility.Public);
        var posted = await _t.Market.PostLoadAsync(new PostLoadCommand(party.Id, input), _t.CancellationToken);
        if (!posted.IsSuccess)
        {
            _t.Say(posted.Error!);
            await AskAsync(Step.PostConfirm);
            return;
        }

        var load = posted.Value!;
        _t.Note($"posted {load.Id}");
        _t.Say("chat.post.posted", TurnContext.Arg("ref", TurnContext.Reference(load.Reference)));
        await _m.FireAsync(Trigger.Done);
    }
}
