using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PakLoad.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class MarketIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "updated_at",
                table: "capacity_posts",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateTable(
                name: "match_notices",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    load_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    carrier_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    post_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    score = table.Column<double>(type: "REAL", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    sent_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_match_notices", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_loads_updated_at",
                table: "loads",
                column: "updated_at");

            migrationBuilder.CreateIndex(
                name: "ix_capacity_posts_updated_at",
                table: "capacity_posts",
                column: "updated_at");

            migrationBuilder.CreateIndex(
                name: "ix_bookings_created_at",
                table: "bookings",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_match_notices_carrier_id_created_at",
                table: "match_notices",
                columns: new[] { "carrier_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_match_notices_load_id_carrier_id",
                table: "match_notices",
                columns: new[] { "load_id", "carrier_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_match_notices_status_created_at",
                table: "match_notices",
                columns: new[] { "status", "created_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "match_notices");

            migrationBuilder.DropIndex(
                name: "ix_loads_updated_at",
                table: "loads");

            migrationBuilder.DropIndex(
                name: "ix_capacity_posts_updated_at",
                table: "capacity_posts");

            migrationBuilder.DropIndex(
                name: "ix_bookings_created_at",
                table: "bookings");

            migrationBuilder.DropColumn(
                name: "updated_at",
                table: "capacity_posts");
        }
    }
}
