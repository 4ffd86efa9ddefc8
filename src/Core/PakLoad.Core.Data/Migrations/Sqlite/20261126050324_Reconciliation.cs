using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PakLoad.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Reconciliation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "reconciliation_cases",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    key = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    provider = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    line_kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    reference = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    report_amount = table.Column<long>(type: "INTEGER", nullable: true),
                    ledger_amount = table.Column<long>(type: "INTEGER", nullable: true),
                    status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    resolved_by = table.Column<Guid>(type: "TEXT", nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    opened_at = table.Column<long>(type: "INTEGER", nullable: false),
                    resolved_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_reconciliation_cases", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "reconciliation_runs",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    provider = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    source = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    lines = table.Column<int>(type: "INTEGER", nullable: false),
                    matched = table.Column<int>(type: "INTEGER", nullable: false),
                    missing_in_ledger = table.Column<int>(type: "INTEGER", nullable: false),
                    missing_in_report = table.Column<int>(type: "INTEGER", nullable: false),
                    amount_mismatches = table.Column<int>(type: "INTEGER", nullable: false),
                    duplicates_in_report = table.Column<int>(type: "INTEGER", nullable: false),
                    sweeps = table.Column<int>(type: "INTEGER", nullable: false),
                    cases_opened = table.Column<int>(type: "INTEGER", nullable: false),
                    gross_reported = table.Column<long>(type: "INTEGER", nullable: false),
                    fees_reported = table.Column<long>(type: "INTEGER", nullable: false),
                    runs = table.Column<int>(type: "INTEGER", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    first_run_at = table.Column<long>(type: "INTEGER", nullable: false),
                    last_run_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_reconciliation_runs", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_reconciliation_cases_key",
                table: "reconciliation_cases",
                column: "key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_reconciliation_cases_provider_reference",
                table: "reconciliation_cases",
                columns: new[] { "provider", "reference" });

            migrationBuilder.CreateIndex(
                name: "ix_reconciliation_cases_status_day",
                table: "reconciliation_cases",
                columns: new[] { "status", "day" });

            migrationBuilder.CreateIndex(
                name: "ix_reconciliation_runs_provider_day",
                table: "reconciliation_runs",
                columns: new[] { "provider", "day" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "reconciliation_cases");

            migrationBuilder.DropTable(
                name: "reconciliation_runs");
        }
    }
}
