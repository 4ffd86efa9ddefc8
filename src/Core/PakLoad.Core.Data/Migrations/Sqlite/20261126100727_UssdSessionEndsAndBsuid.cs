using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PakLoad.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class UssdSessionEndsAndBsuid : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "whats_app_user_id",
                table: "channel_contacts",
                type: "TEXT",
                maxLength: 140,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ussd_session_ends",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    gateway = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    session_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    phone = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    service_code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    network_code = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    error_message = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    cost = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    duration_ms = table.Column<long>(type: "INTEGER", nullable: true),
                    hops = table.Column<int>(type: "INTEGER", nullable: true),
                    received_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ussd_session_ends", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_channel_contacts_whats_app_user_id",
                table: "channel_contacts",
                column: "whats_app_user_id");

            migrationBuilder.CreateIndex(
                name: "ix_ussd_session_ends_gateway_session_id",
                table: "ussd_session_ends",
                columns: new[] { "gateway", "session_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_ussd_session_ends_status_received_at",
                table: "ussd_session_ends",
                columns: new[] { "status", "received_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ussd_session_ends");

            migrationBuilder.DropIndex(
                name: "ix_channel_contacts_whats_app_user_id",
                table: "channel_contacts");

            migrationBuilder.DropColumn(
                name: "whats_app_user_id",
                table: "channel_contacts");
        }
    }
}
