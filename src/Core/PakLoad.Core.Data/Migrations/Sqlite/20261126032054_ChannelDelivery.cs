using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PakLoad.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ChannelDelivery : Migration
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

            migrationBuilder.CreateTable(
                name: "channel_media",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    provider = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    message_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    phone = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    media_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    mime_type = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true),
                    sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    size_bytes = table.Column<long>(type: "INTEGER", nullable: true),
                    content = table.Column<byte[]>(type: "BLOB", nullable: true),
                    stored_path = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    received_at = table.Column<long>(type: "INTEGER", nullable: false),
                    stored_at = table.Column<long>(type: "INTEGER", nullable: true),
                    error = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_channel_media", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_channel_media_phone",
                table: "channel_media",
                column: "phone");

            migrationBuilder.CreateIndex(
                name: "ix_channel_media_provider_message_id",
                table: "channel_media",
                columns: new[] { "provider", "message_id" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "channel_contacts");

            migrationBuilder.DropTable(
                name: "channel_media");

            migrationBuilder.DropColumn(
                name: "attempt_started_at",
                table: "channel_outbound");

            migrationBuilder.DropColumn(
                name: "claimed_until",
                table: "channel_outbound");
        }
    }
}
