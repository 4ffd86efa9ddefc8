using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace PakLoad.Core.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ChannelInboxOutbox : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "channel_inbox",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    provider = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    provider_message_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    user_key = table.Column<string>(type: "character varying(160)", maxLength: 160, nullable: false),
                    external_user_id = table.Column<string>(type: "character varying(140)", maxLength: 140, nullable: true),
                    payload = table.Column<string>(type: "character varying(16000)", maxLength: 16000, nullable: false),
                    received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    last_error = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    processed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_channel_inbox", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "channel_outbound",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    channel = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    recipient = table.Column<string>(type: "character varying(160)", maxLength: 160, nullable: false),
                    sender_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    payload = table.Column<string>(type: "character varying(16000)", maxLength: 16000, nullable: false),
                    dedupe_key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    language = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    next_attempt_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    sent_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    provider_message_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    delivery_status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    last_error = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_channel_outbound", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_channel_inbox_external_user_id",
                table: "channel_inbox",
                column: "external_user_id");

            migrationBuilder.CreateIndex(
                name: "ix_channel_inbox_provider_provider_message_id",
                table: "channel_inbox",
                columns: new[] { "provider", "provider_message_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_channel_inbox_status_user_key_id",
                table: "channel_inbox",
                columns: new[] { "status", "user_key", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_channel_outbound_dedupe_key",
                table: "channel_outbound",
                column: "dedupe_key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_channel_outbound_provider_message_id",
                table: "channel_outbound",
                column: "provider_message_id");

            migrationBuilder.CreateIndex(
                name: "ix_channel_outbound_status_recipient_id",
                table: "channel_outbound",
                columns: new[] { "status", "recipient", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "channel_inbox");

            migrationBuilder.DropTable(
                name: "channel_outbound");
        }
    }
}
