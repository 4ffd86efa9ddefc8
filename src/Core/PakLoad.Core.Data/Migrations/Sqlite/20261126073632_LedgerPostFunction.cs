using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PakLoad.Core.Data.Migrations.Sqlite
{
    /// <summary>
    /// Empty on purpose: the PostgreSQL migration of this name creates the ledger_post function; SQLite keeps
    /// staging ledger postings as EF changes. Kept so both providers' migrations have the same names.
    /// </summary>
    public partial class LedgerPostFunction : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
        }
    }
}
