using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RomApi.AnalyticsService.Migrations
{
    /// <inheritdoc />
    public partial class CountedViews : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "analytics_counted_views",
                columns: table => new
                {
                    key = table.Column<Guid>(type: "uuid", nullable: false),
                    window_start = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_analytics_counted_views", x => x.key);
                });

            migrationBuilder.CreateIndex(
                name: "IX_analytics_counted_views_window_start",
                table: "analytics_counted_views",
                column: "window_start");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "analytics_counted_views");
        }
    }
}
