using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace PakLoad.Core.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ChannelDelivery : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "dedupe_key",
                table: "channel_outbound",
                type: "character varying(240)",
                maxLength: 240,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(200)",
                oldMaxLength: 200);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "attempt_started_at",
                table: "channel_outbound",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "claimed_until",
                table: "channel_outbound",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "channel_contacts",
                columns: table => new
                {
                    phone = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    last_whats_app_inbound_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_channel_contacts", x => x.phone);
                });

            migrationBuilder.CreateTable(
                name: "channel_media",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    provider = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    message_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    phone = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    media_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    mime_type = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: true),
                    sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    size_bytes = table.Column<long>(type: "bigint", nullable: true),
                    content = table.Column<byte[]>(type: "bytea", nullable: true),
                    stored_path = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    stored_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    error = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
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

            migrationBuilder.AlterColumn<string>(
                name: "dedupe_key",
                table: "channel_outbound",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(240)",
                oldMaxLength: 240);
        }
    }
}
