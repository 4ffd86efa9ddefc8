using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PakLoad.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class NotificationDelivery : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "attempt_started_at",
                table: "channel_outbound",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "claimed_until",
                table: "channel_outbound",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "channel_contacts",
                columns: table => new
                {
                    phone = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    last_whats_app_inbound_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_channel_contacts", x => x.phone);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "channel_contacts");

            migrationBuilder.DropColumn(
                name: "attempt_started_at",
                table: "channel_outbound");

            migrationBuilder.DropColumn(
                name: "claimed_until",
                table: "channel_outbound");
        }
    }
}
