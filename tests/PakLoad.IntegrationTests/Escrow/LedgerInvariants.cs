using Npgsql;
using PakLoad.IntegrationTests.Infrastructure;

namespace PakLoad.IntegrationTests.Escrow;

/// <summary>
/// reliability.md §1.2, I1–I6, as SQL over the whole database. Asserted after every test that moves money; a
/// violation names the rows.
/// </summary>
internal static class LedgerInvariants
{
    private static readonly (string Name, string Sql)[] Checks =
    [
        ("I1 each transaction sums to zero",
            "SELECT transaction_id::text FROM ledger_entries GROUP BY transaction_id HAVING sum(amount) <> 0"),
        ("I1 each transaction has two or more entries",
            "SELECT t.id::text FROM ledger_transactions t LEFT JOIN ledger_entries e ON e.transaction_id = t.id GROUP BY t.id HAVING count(e.id) < 2"),
        ("I2 the whole ledger sums to zero",
            "SELECT 'sum ' || sum(amount) FROM ledger_entries HAVING sum(amount) <> 0"),
        ("I3 materialised balance equals the sum of entries",
            """
            SELECT a.code || ' balance ' || a.balance || ' entries ' || coalesce(e.total, 0)
            FROM ledger_accounts a LEFT JOIN (SELECT account_id, sum(amount) AS total FROM ledger_entries GROUP BY account_id) e ON e.account_id = a.id
            WHERE a.balance <> coalesce(e.total, 0)
            """),
        ("I4 no constrained account is negative",
            "SELECT code FROM ledger_accounts WHERE balance < 0 AND NOT may_go_negative"),
        ("I5 one transaction per idempotency key",
            "SELECT idempotency_key FROM ledger_transactions GROUP BY idempotency_key HAVING count(*) > 1"),
        ("I5 each escrow step at most once per booking",
            "SELECT booking_id::text || ' ' || kind FROM ledger_transactions WHERE booking_id IS NOT NULL AND kind <> 'Overpayment' GROUP BY booking_id, kind HAVING count(*) > 1"),
        ("I6 escrow is zero once its booking has ended",
            """
            SELECT e.booking_id::text || ' holds ' || a.balance
            FROM escrows e
            JOIN ledger_accounts a ON a.code = 'escrow:' || e.booking_id::text
            LEFT JOIN trips t ON t.booking_id = e.booking_id
            WHERE a.balance <> 0 AND (e.settled OR t.status IN ('Completed', 'Cancelled'))
            """),
        ("I6 the escrow's counters agree with its ledger account",
            """
            SELECT e.booking_id::text || ' counters ' || (e.funded - e.paid_to_carrier - e.paid_to_platform - e.returned_to_shipper) || ' ledger ' || coalesce(a.balance, 0)
            FROM escrows e LEFT JOIN ledger_accounts a ON a.code = 'escrow:' || e.booking_id::text
            WHERE e.funded - e.paid_to_carrier - e.paid_to_platform - e.returned_to_shipper <> coalesce(a.balance, 0)
            """),
    ];

    /// <summary>Every invariant holds, or the assertion lists each broken one with up to five offending rows.</summary>
    public static async Task AssertAsync(TestDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        var broken = await ViolationsAsync(database.ConnectionString);
        Assert.True(broken.Count == 0, "Ledger invariants broken:\n" + string.Join('\n', broken));
    }

    public static async Task<List<string>> ViolationsAsync(string connectionString)
    {
        var broken = new List<string>();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        foreach (var (name, sql) in Checks)
        {
            await using var command = new NpgsqlCommand(sql + " LIMIT 5", connection);
            await using var reader = await command.ExecuteReaderAsync();
            var rows = new List<string>();
            while (await reader.ReadAsync())
            {
                rows.Add(reader.IsDBNull(0) ? "null" : reader.GetString(0));
            }

            if (rows.Count > 0)
            {
                broken.Add($"{name}: {string.Join(", ", rows)}");
            }
        }

        return broken;
    }
}
