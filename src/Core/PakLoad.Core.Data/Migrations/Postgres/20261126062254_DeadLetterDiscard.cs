using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PakLoad.Core.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class DeadLetterDiscard : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "discarded_at",
                table: "channel_outbound",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "discarded_by",
                table: "channel_outbound",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "discarded_at",
                table: "channel_inbox",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "discarded_by",
                table: "channel_inbox",
                type: "uuid",
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
