using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PakLoad.Core.Data.Migrations.Postgres
{
    /// <summary>
    /// ledger_post: one ledger transaction in one round trip (PostgresLedgerWriter calls it inside the caller's
    /// transaction). The model does not change; the SQLite side of this migration is empty.
    /// </summary>
    public partial class LedgerPostFunction : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE FUNCTION ledger_post(
                    p_key text, p_kind text, p_booking_id uuid, p_transaction_id uuid, p_at timestamptz,
                    p_codes text[], p_kinds text[], p_owner_ids uuid[], p_booking_ids uuid[], p_may_go_negative boolean[],
                    p_account_ids uuid[], p_entry_ids uuid[], p_amounts bigint[])
                RETURNS TABLE (post_outcome text, post_balance bigint, post_amount bigint)
                LANGUAGE plpgsql
                AS $fn$
                DECLARE
                    v_legs int := cardinality(p_codes);
                    v_ids uuid[] := array_fill(NULL::uuid, ARRAY[cardinality(p_codes)]);
                    v_balances bigint[] := array_fill(NULL::bigint, ARRAY[cardinality(p_codes)]);
                    v_may boolean[] := array_fill(NULL::boolean, ARRAY[cardinality(p_codes)]);
                    v_row record;
                    v_leg int;
                BEGIN
                    -- The caller validated the posting; the database still refuses one that would make or lose money.
                    IF v_legs < 2 OR cardinality(p_kinds) <> v_legs OR cardinality(p_owner_ids) <> v_legs
                       OR cardinality(p_booking_ids) <> v_legs OR cardinality(p_may_go_negative) <> v_legs
                       OR cardinality(p_account_ids) <> v_legs OR cardinality(p_entry_ids) <> v_legs
                       OR cardinality(p_amounts) <> v_legs
                       OR (SELECT sum(x) FROM unnest(p_amounts) AS x) <> 0 THEN
                        RAISE EXCEPTION 'ledger_post: malformed posting %', p_key;
                    END IF;

                    -- (a) The key was posted: nothing to do.
                    IF EXISTS (SELECT 1 FROM ledger_transactions t WHERE t.idempotency_key = p_key) THEN
                        RETURN QUERY SELECT 'already_posted'::text, NULL::bigint, NULL::bigint;
                        RETURN;
                    END IF;

                    -- (b) Open the accounts never used before, in code order. An account another transaction opened
                    -- after this one's snapshot is a serialisation failure under repeatable read: the caller retries.
                    INSERT INTO ledger_accounts (id, code, kind, owner_id, booking_id, may_go_negative, balance, version, created_at, updated_at)
                    SELECT l.id, l.code, l.kind, l.owner_id, l.booking_id, l.may_go_negative, 0, 0, p_at, p_at
                    FROM unnest(p_account_ids, p_codes, p_kinds, p_owner_ids, p_booking_ids, p_may_go_negative)
                         AS l(id, code, kind, owner_id, booking_id, may_go_negative)
                    WHERE NOT EXISTS (SELECT 1 FROM ledger_accounts a WHERE a.code = l.code)
                    ORDER BY l.code
                    ON CONFLICT (code) DO NOTHING;

                    -- (c) Lock the legs' accounts in code order: two transfers between the same accounts in opposite
                    -- directions wait for each other instead of deadlocking. A row changed by a commit after this
                    -- transaction's snapshot raises a serialisation failure under repeatable read: the caller retries.
                    FOR v_row IN
                        SELECT a.id, a.code, a.balance, a.may_go_negative
                        FROM ledger_accounts a
                        WHERE a.code = ANY (p_codes)
                        ORDER BY a.code
                        FOR UPDATE
                    LOOP
                        v_leg := array_position(p_codes, v_row.code::text);
                        v_ids[v_leg] := v_row.id;
                        v_balances[v_leg] := v_row.balance;
                        v_may[v_leg] := v_row.may_go_negative;
                    END LOOP;

                    IF array_position(v_ids, NULL) IS NOT NULL THEN
                        RAISE EXCEPTION 'ledger_post: account % not found after opening', p_codes[array_position(v_ids, NULL)];
                    END IF;

                    -- (d) No account that may not go negative goes below zero (the CHECK stays the last word).
                    FOR v_leg IN 1 .. v_legs LOOP
                        IF NOT v_may[v_leg] AND v_balances[v_leg] + p_amounts[v_leg] < 0 THEN
                            RETURN QUERY SELECT 'insufficient'::text, v_balances[v_leg], -p_amounts[v_leg];
                            RETURN;
                        END IF;
                    END LOOP;

                    -- (e) The transaction; a concurrent twin with the same key that won means "already posted".
                    INSERT INTO ledger_transactions (id, idempotency_key, kind, booking_id, created_at)
                    VALUES (p_transaction_id, p_key, p_kind, p_booking_id, p_at)
                    ON CONFLICT (idempotency_key) DO NOTHING;
                    IF NOT FOUND THEN
                        RETURN QUERY SELECT 'already_posted'::text, NULL::bigint, NULL::bigint;
                        RETURN;
                    END IF;

                    -- (f) The new balances, and each entry with the balance right after it.
                    WITH legs AS (
                        SELECT l.account_id, l.entry_id, l.amount
                        FROM unnest(v_ids, p_entry_ids, p_amounts) AS l(account_id, entry_id, amount)
                    ), moved AS (
                        UPDATE ledger_accounts a
                        SET balance = a.balance + legs.amount, version = a.version + 1, updated_at = p_at
                        FROM legs
                        WHERE a.id = legs.account_id
                        RETURNING a.id, a.balance
                    )
                    INSERT INTO ledger_entries (id, transaction_id, account_id, amount, balance_after, created_at)
                    SELECT legs.entry_id, p_transaction_id, legs.account_id, legs.amount, moved.balance, p_at
                    FROM legs JOIN moved ON moved.id = legs.account_id;

                    RETURN QUERY SELECT 'posted'::text, NULL::bigint, NULL::bigint;
                END;
                $fn$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS ledger_post(text, text, uuid, uuid, timestamptz, text[], text[], uuid[], uuid[], boolean[], uuid[], uuid[], bigint[]);");
        }
    }
}
