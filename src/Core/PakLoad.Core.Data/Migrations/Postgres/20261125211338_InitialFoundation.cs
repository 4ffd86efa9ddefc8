using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PakLoad.Core.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class InitialFoundation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "body_types",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    name_en = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    name_ur = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    name_ur_latn = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_body_types", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "parties",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    phone = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    name = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    language = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    preferred_channel = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    cnic = table.Column<string>(type: "character varying(13)", maxLength: 13, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    roles = table.Column<string[]>(type: "text[]", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_parties", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "places",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    name_en = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    name_ur = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    name_ur_latn = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    province = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    latitude = table.Column<double>(type: "double precision", nullable: false),
                    longitude = table.Column<double>(type: "double precision", nullable: false),
                    population = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_places", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "vehicle_classes",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    name_en = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    name_ur = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    name_ur_latn = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    axles = table.Column<int>(type: "integer", nullable: false),
                    legal_gvw_kg = table.Column<int>(type: "integer", nullable: true),
                    typical_payload_kg = table.Column<int>(type: "integer", nullable: false),
                    max_payload_kg = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_vehicle_classes", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_parties_phone",
                table: "parties",
                column: "phone",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "body_types");

            migrationBuilder.DropTable(
                name: "parties");

            migrationBuilder.DropTable(
                name: "places");

            migrationBuilder.DropTable(
                name: "vehicle_classes");
        }
    }
}
