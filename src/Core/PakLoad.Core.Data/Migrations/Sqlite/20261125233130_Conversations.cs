using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PakLoad.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Conversations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "default_vehicle",
                table: "parties",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "reference",
                table: "loads",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "conversations",
                columns: table => new
                {
                    key = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    document = table.Column<string>(type: "TEXT", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_conversations", x => x.key);
                });

            migrationBuilder.CreateTable(
                name: "transcripts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    conversation_key = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    message_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    channel = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    input = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    interpretation = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    step_before = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    step_after = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    prompts = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    use_cases = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_transcripts", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_loads_reference",
                table: "loads",
                column: "reference");

            migrationBuilder.CreateIndex(
                name: "ix_conversations_updated_at",
                table: "conversations",
                column: "updated_at");

            migrationBuilder.CreateIndex(
                name: "ix_transcripts_conversation_key_at",
                table: "transcripts",
                columns: new[] { "conversation_key", "at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "conversations");

            migrationBuilder.DropTable(
                name: "transcripts");

            migrationBuilder.DropIndex(
                name: "ix_loads_reference",
                table: "loads");

            migrationBuilder.DropColumn(
                name: "default_vehicle",
                table: "parties");

            migrationBuilder.DropColumn(
                name: "reference",
                table: "loads");
        }
    }
}
