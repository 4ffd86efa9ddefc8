using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PakLoad.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class WhatsAppLinkCodes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "whatsapp_link_codes",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    whats_app_user_id = table.Column<string>(type: "TEXT", maxLength: 140, nullable: false),
                    phone = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    code_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    expires_at = table.Column<long>(type: "INTEGER", nullable: false),
                    consumed_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_whatsapp_link_codes", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_whatsapp_link_codes_phone_created_at",
                table: "whatsapp_link_codes",
                columns: new[] { "phone", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_whatsapp_link_codes_whats_app_user_id_created_at",
                table: "whatsapp_link_codes",
                columns: new[] { "whats_app_user_id", "created_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "whatsapp_link_codes");
        }
    }
}
