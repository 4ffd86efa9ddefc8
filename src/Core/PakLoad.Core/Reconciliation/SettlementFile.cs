using System.Globalization;
using System.Text;
using PakLoad.Core.Common;

namespace PakLoad.Core.Reconciliation;

/// <summary>
/// A settlement file uploaded for a provider that sends files (a Pakistani wallet or bank). RFC 4180 CSV, UTF-8,
/// this header and these columns:
/// <code>
/// date,reference,kind,gross_pkr,fee_pkr,net_pkr,currency
/// 2026-11-25,T2026112500017,payment,1025.00,20.50,1004.50,PKR
/// </code>
/// date = the settlement day (yyyy-MM-dd, Pakistan), the day being reconciled; reference = the provider's id of the
/// payment or refund (our ProviderRef) or the bank reference of a payout; kind = payment | refund | payout | sweep;
/// amounts in rupees with at most two decimals, never negative, and net = gross - fee; currency = PKR.
/// The whole file is read before anything is stored: one bad line refuses the file, naming the line and column.
/// </summary>
public static class SettlementFile
{
    public const int MaxLines = 20_000;
    public const int MaxReferenceLength = 255;
    public const string Header = "date,reference,kind,gross_pkr,fee_pkr,net_pkr,currency";

    private static readonly string[] Columns = Header.Split(',');

    public static Result<SettlementReport> Parse(string provider, DateOnly day, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Invalid(1, "header");
        }

        var rows = Rows(text.TrimStart('\uFEFF'));
        if (rows is null)
        {
            return Invalid(0, "quotes");
        }

        if (rows.Count == 0 || !rows[0].Select(c => c.Trim().ToLowerInvariant()).SequenceEqual(Columns))
        {
            return Invalid(1, "header");
        }

        if (rows.Count - 1 > MaxLines)
        {
            return Error.Of("errors.reconciliation.file_too_large", ("max", MaxLines.ToString(CultureInfo.InvariantCulture)));
        }

        var lines = new List<SettlementLine>(rows.Count - 1);
        for (var i = 1; i < rows.Count; i++)
        {
            var parsed = Line(rows[i], i + 1, day);
            if (!parsed.IsSuccess)
            {
                return parsed.Error!;
            }

            lines.Add(parsed.Value!);
        }

        return new SettlementReport(provider, day, lines);
    }

    private static Result<SettlementLine> Line(List<string> row, int number, DateOnly day)
    {
        if (row.Count != Columns.Length)
        {
            return Invalid(number, "columns");
        }

        if (!DateOnly.TryParseExact(row[0].Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) || date != day)
        {
            return Invalid(number, Columns[0]);
        }

        var reference = row[1].Trim();
        if (reference.Length == 0 || reference.Length > MaxReferenceLength || reference.Any(char.IsControl))
        {
            return Invalid(number, Columns[1]);
        }

        SettlementLineKind? kind = row[2].Trim().ToLowerInvariant() switch
        {
            "payment" => SettlementLineKind.Payment,
            "refund" => SettlementLineKind.Refund,
            "payout" => SettlementLineKind.Payout,
            "sweep" => SettlementLineKind.Sweep,
            _ => null,
        };
        if (kind is null)
        {
            return Invalid(number, Columns[2]);
        }

        var amounts = new Money[3];
        for (var c = 0; c < 3; c++)
        {
            if (Amount(row[3 + c]) is not { } amount)
            {
                return Invalid(number, Columns[3 + c]);
            }

            amounts[c] = amount;
        }

        if (amounts[0] - amounts[1] != amounts[2])
        {
            return Invalid(number, Columns[5]);
        }

        if (!string.Equals(row[6].Trim(), "PKR", StringComparison.OrdinalIgnoreCase))
        {
            return Invalid(number, Columns[6]);
        }

        return new SettlementLine(reference, kind.Value, amounts[0], amounts[1], amounts[2], SettlementReport.Pkr, PakistanTime.StartOf(day));
    }

    /// <summary>Rupees with at most two decimals (a dot), 0 up to the largest amount PakLoad handles; exact in paisa.</summary>
    private static Money? Amount(string text)
    {
        var trimmed = text.Trim();
        if (!decimal.TryParse(trimmed, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var rupees) || decimal.Round(rupees, 2) != rupees)
        {
            return null;
        }

        var paisa = rupees * Money.PaisaPerRupee;
        return paisa > Money.MaxUserAmount.Paisa ? null : new Money((long)paisa);
    }

    private static Error Invalid(int line, string column) =>
        Error.Of("errors.reconciliation.file_invalid", ("line", line.ToString(CultureInfo.InvariantCulture)), ("column", column));

    /// <summary>RFC 4180 rows (quoted fields may hold commas, quotes and line breaks); null when a quote is left open.</summary>
    private static List<List<string>>? Rows(string text)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }

                continue;
            }

            switch (c)
            {
                case '"' when field.Length == 0:
                    quoted = true;
                    break;
                case ',':
                    row.Add(field.ToString());
                    field.Clear();
                    break;
                case '\r':
                    break;
                case '\n':
                    row.Add(field.ToString());
                    field.Clear();
                    AddRow(rows, row);
                    row = [];
                    break;
                default:
                    field.Append(c);
                    break;
            }
        }

        if (quoted)
        {
            return null;
        }

        row.Add(field.ToString());
        AddRow(rows, row);
        return rows;
    }

    private static void AddRow(List<List<string>> rows, List<string> row)
    {
        // Blank lines (a trailing newline, a spreadsheet's empty rows) are not lines of the report.
        if (row.Count > 1 || row[0].Trim().Length > 0)
        {
            rows.Add(row);
        }
    }
}
