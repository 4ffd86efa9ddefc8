using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using PakLoad.Core.Common;
using PakLoad.Core.Escrow;

namespace PakLoad.Core.Data;

/// <summary>
/// Posts a ledger transaction with the <c>ledger_post</c> function (migration <c>LedgerPostFunction</c>): one
/// prepared statement with positional parameters on the context's own connection, inside its current transaction,
/// with no EF change tracking. The function checks the key, opens missing accounts, locks the legs' accounts in
/// code order, checks the balances and writes the transaction, the entries and the new balances.
/// </summary>
internal sealed class PostgresLedgerWriter(PakLoadDbContext db) : ILedgerWriter
{
    /// <summary>The function's answers (its first column).</summary>
    internal const string Posted = "posted";
    internal const string AlreadyPosted = "already_posted";
    internal const string Insufficient = "insufficient";

    private const string Sql =
        "SELECT post_outcome, post_balance, post_amount FROM ledger_post($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)";

    public async Task<LedgerWriteResult> PostAsync(LedgerWrite write, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(write);
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction() as NpgsqlTransaction
                          ?? throw new InvalidOperationException(
                              "A ledger posting runs only inside the caller's open transaction (Conflicts.RetryAsync or InSnapshotTransactionAsync): committed alone, it could outlive the changes that explain it.");
        var n = write.Legs.Count;
        var codes = new string[n];
        var kinds = new string[n];
        var owners = new Guid?[n];
        var bookings = new Guid?[n];
        var mayGoNegative = new bool[n];
        var accountIds = new Guid[n];
        var entryIds = new Guid[n];
        var amounts = new long[n];
        for (var i = 0; i < n; i++)
        {
            var leg = write.Legs[i];
            codes[i] = leg.Account.Code;
            kinds[i] = leg.Account.Kind.ToString();
            owners[i] = leg.Account.OwnerId?.Value;
            bookings[i] = leg.Account.BookingId?.Value;
            mayGoNegative[i] = leg.Account.MayGoNegative;
            accountIds[i] = leg.NewAccountId.Value;
            entryIds[i] = leg.EntryId.Value;
            amounts[i] = leg.Amount.Paisa;
        }

        await using var command = new NpgsqlCommand(Sql, transaction.Connection, transaction)
        {
            Parameters =
            {
                new NpgsqlParameter<string>{ NpgsqlDbType = NpgsqlDbType.Text, TypedValue = write.IdempotencyKey },
                new NpgsqlParameter<string>{ NpgsqlDbType = NpgsqlDbType.Text, TypedValue = write.Kind.ToString() },
                write.BookingId is { } booking
                    ? new NpgsqlParameter<Guid> { NpgsqlDbType = NpgsqlDbType.Uuid, TypedValue = booking.Value }
                    : new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Uuid, Value = DBNull.Value },
                new NpgsqlParameter<Guid> { NpgsqlDbType = NpgsqlDbType.Uuid, TypedValue = write.TransactionId.Value },
                new NpgsqlParameter<DateTimeOffset> { NpgsqlDbType = NpgsqlDbType.TimestampTz, TypedValue = write.CreatedAt.ToUniversalTime() },
                new NpgsqlParameter<string[]> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, TypedValue = codes },
                new NpgsqlParameter<string[]> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, TypedValue = kinds },
                new NpgsqlParameter<Guid?[]> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid, TypedValue = owners },
                new NpgsqlParameter<Guid?[]> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid, TypedValue = bookings },
                new NpgsqlParameter<bool[]> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Boolean, TypedValue = mayGoNegative },
                new NpgsqlParameter<Guid[]> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid, TypedValue = accountIds },
                new NpgsqlParameter<Guid[]> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid, TypedValue = entryIds },
                new NpgsqlParameter<long[]> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint, TypedValue = amounts },
            },
        };

        // A no-op without a round trip once this physical connection has prepared the statement.
        await command.PrepareAsync(ct);
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            throw new InvalidOperationException("ledger_post returned no row.");
        }

        var outcome = reader.GetString(0);
        return outcome switch
        {
            Posted => new LedgerWriteResult(LedgerWriteOutcome.Posted, Money.Zero, Money.Zero),
            AlreadyPosted => new LedgerWriteResult(LedgerWriteOutcome.AlreadyPosted, Money.Zero, Money.Zero),
            Insufficient => new LedgerWriteResult(LedgerWriteOutcome.Insufficient, new Money(reader.GetInt64(1)), new Money(reader.GetInt64(2))),
            _ => throw new InvalidOperationException($"ledger_post answered '{outcome}'."),
        };
    }
}
