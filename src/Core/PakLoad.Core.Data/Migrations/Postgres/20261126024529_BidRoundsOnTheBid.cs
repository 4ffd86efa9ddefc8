using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace PakLoad.Core.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class BidRoundsOnTheBid : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "rounds",
                table: "bids",
                type: "character varying(8000)",
                maxLength: 8000,
                nullable: false,
                defaultValue: "[]");

            // Keep every negotiation: each bid's rounds become its JSON array before the old table goes.
            migrationBuilder.Sql("""
                UPDATE bids AS b SET rounds = COALESCE((
                    SELECT json_agg(json_build_object('n', r.number, 'by', r."by", 'paisa', r.amount, 'at', r.at) ORDER BY r.number)::text
                    FROM bid_rounds AS r WHERE r.bid_id = b.id), '[]');
                """);

            migrationBuilder.DropTable(
                name: "bid_rounds");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "bid_rounds",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    amount = table.Column<long>(type: "bigint", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    by = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    number = table.Column<int>(type: "integer", nullable: false),
                    bid_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_bid_rounds", x => x.id);
                    table.ForeignKey(
                        name: "fk_bid_rounds_bids_bid_id",
                        column: x => x.bid_id,
                        principalTable: "bids",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_bid_rounds_bid_id",
                table: "bid_rounds",
                column: "bid_id");

            migrationBuilder.Sql("""
                INSERT INTO bid_rounds (bid_id, number, "by", amount, at)
                SELECT b.id, (e->>'n')::int, e->>'by', (e->>'paisa')::bigint, (e->>'at')::timestamptz
                FROM bids AS b CROSS JOIN LATERAL json_array_elements(b.rounds::json) AS e;
                """);

            migrationBuilder.DropColumn(
                name: "rounds",
                table: "bids");
        }
    }
}
