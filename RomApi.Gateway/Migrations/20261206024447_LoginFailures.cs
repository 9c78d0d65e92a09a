using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RomApi.Gateway.Migrations
{
    /// <inheritdoc />
    public partial class LoginFailures : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "login_failures",
                columns: table => new
                {
                    account_key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    address = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    failures = table.Column<int>(type: "integer", nullable: false),
                    first_failure_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_failure_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    blocked_until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_login_failures", x => new { x.account_key, x.address });
                });

            migrationBuilder.CreateIndex(
                name: "IX_login_failures_last_failure_at",
                table: "login_failures",
                column: "last_failure_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "login_failures");
        }
    }
}
