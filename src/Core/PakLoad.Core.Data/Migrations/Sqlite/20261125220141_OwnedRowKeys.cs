using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PakLoad.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OwnedRowKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "pk_trip_check_ins",
                table: "trip_check_ins");

            migrationBuilder.DropPrimaryKey(
                name: "pk_bid_rounds",
                table: "bid_rounds");

            migrationBuilder.AlterColumn<int>(
                name: "id",
                table: "trip_check_ins",
                type: "INTEGER",
                nullable: false,
                oldClrType: typeof(int),
                oldType: "INTEGER")
                .Annotation("Sqlite:Autoincrement", true);

            migrationBuilder.AlterColumn<int>(
                name: "id",
                table: "bid_rounds",
                type: "INTEGER",
                nullable: false,
                oldClrType: typeof(int),
                oldType: "INTEGER")
                .Annotation("Sqlite:Autoincrement", true);

            migrationBuilder.AddPrimaryKey(
                name: "pk_trip_check_ins",
                table: "trip_check_ins",
                column: "id");

            migrationBuilder.AddPrimaryKey(
                name: "pk_bid_rounds",
                table: "bid_rounds",
                column: "id");

            migrationBuilder.CreateIndex(
                name: "ix_trip_check_ins_trip_id",
                table: "trip_check_ins",
                column: "trip_id");

            migrationBuilder.CreateIndex(
                name: "ix_bid_rounds_bid_id",
                table: "bid_rounds",
                column: "bid_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "pk_trip_check_ins",
                table: "trip_check_ins");

            migrationBuilder.DropIndex(
                name: "ix_trip_check_ins_trip_id",
                table: "trip_check_ins");

            migrationBuilder.DropPrimaryKey(
                name: "pk_bid_rounds",
                table: "bid_rounds");

            migrationBuilder.DropIndex(
                name: "ix_bid_rounds_bid_id",
                table: "bid_rounds");

            migrationBuilder.AlterColumn<int>(
                name: "id",
                table: "trip_check_ins",
                type: "INTEGER",
                nullable: false,
                oldClrType: typeof(int),
                oldType: "INTEGER")
                .OldAnnotation("Sqlite:Autoincrement", true);

            migrationBuilder.AlterColumn<int>(
                name: "id",
                table: "bid_rounds",
                type: "INTEGER",
                nullable: false,
                oldClrType: typeof(int),
                oldType: "INTEGER")
                .OldAnnotation("Sqlite:Autoincrement", true);

            migrationBuilder.AddPrimaryKey(
                name: "pk_trip_check_ins",
                table: "trip_check_ins",
                columns: new[] { "trip_id", "id" });

            migrationBuilder.AddPrimaryKey(
                name: "pk_bid_rounds",
                table: "bid_rounds",
                columns: new[] { "bid_id", "id" });
        }
    }
}
