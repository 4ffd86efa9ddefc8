using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PakLoad.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Escrow : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "escrows",
                columns: table => new
                {
                    booking_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    shipper_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    carrier_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    price = table.Column<long>(type: "INTEGER", nullable: false),
                    fee = table.Column<long>(type: "INTEGER", nullable: false),
                    advance_percent = table.Column<int>(type: "INTEGER", nullable: false),
                    late_cancellation_percent = table.Column<int>(type: "INTEGER", nullable: false),
                    dispute_window = table.Column<TimeSpan>(type: "TEXT", nullable: false),
                    funded = table.Column<long>(type: "INTEGER", nullable: false),
                    loaded = table.Column<bool>(type: "INTEGER", nullable: false),
                    delivered_at = table.Column<long>(type: "INTEGER", nullable: true),
                    release_due_at = table.Column<long>(type: "INTEGER", nullable: true),
                    completed = table.Column<bool>(type: "INTEGER", nullable: false),
                    cancelled_by = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    cancelled_at_pickup = table.Column<bool>(type: "INTEGER", nullable: false),
                    disputed = table.Column<bool>(type: "INTEGER", nullable: false),
                    carrier_share = table.Column<long>(type: "INTEGER", nullable: true),
                    paid_to_carrier = table.Column<long>(type: "INTEGER", nullable: false),
                    paid_to_platform = table.Column<long>(type: "INTEGER", nullable: false),
                    returned_to_shipper = table.Column<long>(type: "INTEGER", nullable: false),
                    advance_paid = table.Column<bool>(type: "INTEGER", nullable: false),
                    settled = table.Column<bool>(type: "INTEGER", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_escrows", x => x.booking_id);
                });

            migrationBuilder.CreateTable(
                name: "ledger_accounts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    code = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    owner_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    booking_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    may_go_negative = table.Column<bool>(type: "INTEGER", nullable: false),
                    balance = table.Column<long>(type: "INTEGER", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ledger_accounts", x => x.id);
                    table.CheckConstraint("ck_ledger_accounts_balance_not_negative", "balance >= 0 OR may_go_negative");
                });

            migrationBuilder.CreateTable(
                name: "ledger_transactions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    idempotency_key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    booking_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ledger_transactions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "payment_events",
                columns: table => new
                {
                    provider = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    event_id = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    received_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_payment_events", x => new { x.provider, x.event_id });
                });

            migrationBuilder.CreateTable(
                name: "payment_refunds",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    payment_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    shipper_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    provider = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    provider_ref = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    amount = table.Column<long>(type: "INTEGER", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_payment_refunds", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "payments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    booking_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    payer_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    attempt = table.Column<int>(type: "INTEGER", nullable: false),
                    provider = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    provider_ref = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    checkout_url = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    amount = table.Column<long>(type: "INTEGER", nullable: false),
                    refunded = table.Column<long>(type: "INTEGER", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_payments", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "payout_methods",
                columns: table => new
                {
                    carrier_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    destination = table.Column<string>(type: "TEXT", maxLength: 34, nullable: false),
                    account_title = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_payout_methods", x => x.carrier_id);
                });

            migrationBuilder.CreateTable(
                name: "payouts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    carrier_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    amount = table.Column<long>(type: "INTEGER", nullable: false),
                    method_kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    destination = table.Column<string>(type: "TEXT", maxLength: 34, nullable: false),
                    account_title = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    bank_reference = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    decided_by = table.Column<Guid>(type: "TEXT", nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    requested_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_payouts", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "ledger_entries",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    transaction_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    account_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    amount = table.Column<long>(type: "INTEGER", nullable: false),
                    balance_after = table.Column<long>(type: "INTEGER", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ledger_entries", x => x.id);
                    table.ForeignKey(
                        name: "fk_ledger_entries_ledger_accounts_account_id",
                        column: x => x.account_id,
                        principalTable: "ledger_accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_ledger_entries_ledger_transactions_transaction_id",
                        column: x => x.transaction_id,
                        principalTable: "ledger_transactions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_escrows_carrier_id",
                table: "escrows",
                column: "carrier_id");

            migrationBuilder.CreateIndex(
                name: "ix_escrows_settled_release_due_at",
                table: "escrows",
                columns: new[] { "settled", "release_due_at" });

            migrationBuilder.CreateIndex(
                name: "ix_escrows_shipper_id",
                table: "escrows",
                column: "shipper_id");

            migrationBuilder.CreateIndex(
                name: "ix_ledger_accounts_code",
                table: "ledger_accounts",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_ledger_accounts_owner_id",
                table: "ledger_accounts",
                column: "owner_id");

            migrationBuilder.CreateIndex(
                name: "ix_ledger_entries_account_id_created_at",
                table: "ledger_entries",
                columns: new[] { "account_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_ledger_entries_transaction_id",
                table: "ledger_entries",
                column: "transaction_id");

            migrationBuilder.CreateIndex(
                name: "ix_ledger_transactions_booking_id",
                table: "ledger_transactions",
                column: "booking_id");

            migrationBuilder.CreateIndex(
                name: "ix_ledger_transactions_idempotency_key",
                table: "ledger_transactions",
                column: "idempotency_key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_payment_refunds_payment_id",
                table: "payment_refunds",
                column: "payment_id");

            migrationBuilder.CreateIndex(
                name: "ix_payment_refunds_provider_provider_ref",
                table: "payment_refunds",
                columns: new[] { "provider", "provider_ref" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_payments_booking_id_attempt",
                table: "payments",
                columns: new[] { "booking_id", "attempt" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_payments_provider_provider_ref",
                table: "payments",
                columns: new[] { "provider", "provider_ref" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_payouts_carrier_id",
                table: "payouts",
                column: "carrier_id");

            migrationBuilder.CreateIndex(
                name: "ix_payouts_status_requested_at",
                table: "payouts",
                columns: new[] { "status", "requested_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "escrows");

            migrationBuilder.DropTable(
                name: "ledger_entries");

            migrationBuilder.DropTable(
                name: "payment_events");

            migrationBuilder.DropTable(
                name: "payment_refunds");

            migrationBuilder.DropTable(
                name: "payments");

            migrationBuilder.DropTable(
                name: "payout_methods");

            migrationBuilder.DropTable(
                name: "payouts");

            migrationBuilder.DropTable(
                name: "ledger_accounts");

            migrationBuilder.DropTable(
                name: "ledger_transactions");
        }
    }
}
