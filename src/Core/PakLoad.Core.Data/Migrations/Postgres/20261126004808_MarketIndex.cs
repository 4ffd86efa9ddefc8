using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PakLoad.Core.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class MarketIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "updated_at",
                table: "capacity_posts",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.CreateTable(
                name: "match_notices",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    load_id = table.Column<Guid>(type: "uuid", nullable: false),
                    carrier_id = table.Column<Guid>(type: "uuid", nullable: false),
                    post_id = table.Column<Guid>(type: "uuid", nullable: true),
                    score = table.Column<double>(type: "double precision", nullable: false),
                    status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    sent_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
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
