using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PakLoad.Core.Data.Migrations.Sqlite
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
                type: "TEXT",
                maxLength: 8000,
                nullable: false,
                defaultValue: "[]");

            // Keep every negotiation: each bid's rounds become its JSON array before the old table goes.
            migrationBuilder.Sql("""
                UPDATE bids SET rounds = COALESCE((
                    SELECT json_group_array(json_object('n', r.number, 'by', r."by", 'paisa', r.amount,
                        'at', strftime('%Y-%m-%dT%H:%M:%S', (r.at - 621355968000000000) / 10000000, 'unixepoch')
                              || '.' || printf('%07d', r.at % 10000000) || '+00:00'))
                    FROM (SELECT * FROM bid_rounds WHERE bid_id = bids.id ORDER BY number) AS r), '[]');
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
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    amount = table.Column<long>(type: "INTEGER", nullable: false),
                    at = table.Column<long>(type: "INTEGER", nullable: false),
                    by = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    number = table.Column<int>(type: "INTEGER", nullable: false),
                    bid_id = table.Column<Guid>(type: "TEXT", nullable: false)
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
                SELECT b.id, json_extract(e.value, '$.n'), json_extract(e.value, '$.by'), json_extract(e.value, '$.paisa'),
                       CAST(strftime('%s', substr(json_extract(e.value, '$.at'), 1, 19)) AS INTEGER) * 10000000 + 621355968000000000
                FROM bids AS b, json_each(b.rounds) AS e;
                """);

            migrationBuilder.DropColumn(
                name: "rounds",
                table: "bids");
        }
    }
}
