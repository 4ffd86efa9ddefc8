using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PakLoad.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DeadLetterDiscard : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "discarded_at",
                table: "channel_outbound",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "discarded_by",
                table: "channel_outbound",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "discarded_at",
                table: "channel_inbox",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "discarded_by",
                table: "channel_inbox",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "discarded_at",
                table: "channel_outbound");

            migrationBuilder.DropColumn(
                name: "discarded_by",
                table: "channel_outbound");

            migrationBuilder.DropColumn(
                name: "discarded_at",
                table: "channel_inbox");

            migrationBuilder.DropColumn(
                name: "discarded_by",
                table: "channel_inbox");
        }
    }
}
