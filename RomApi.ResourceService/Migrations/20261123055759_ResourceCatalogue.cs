using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace RomApi.ResourceService.Migrations
{
    /// <inheritdoc />
    public partial class ResourceCatalogue : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_api_resources_status_created_at",
                table: "api_resources");

            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:pg_trgm", ",,");

            migrationBuilder.AlterColumn<string>(
                name: "slug",
                table: "categories",
                type: "character varying(220)",
                maxLength: 220,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(120)",
                oldMaxLength: 120);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "created_at",
                table: "categories",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "updated_at",
                table: "categories",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.AddColumn<string>(
                name: "address_line1",
                table: "api_resources",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "address_line2",
                table: "api_resources",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "email",
                table: "api_resources",
                type: "character varying(254)",
                maxLength: 254,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "external_id",
                table: "api_resources",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "meta_description",
                table: "api_resources",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "meta_title",
                table: "api_resources",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "phone",
                table: "api_resources",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "postal_code",
                table: "api_resources",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "slug_base",
                table: "api_resources",
                type: "character varying(220)",
                maxLength: 220,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "version",
                table: "api_resources",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "website",
                table: "api_resources",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            // Rows from the first migration: their slug is their base, and they start at version 1.
            migrationBuilder.Sql("UPDATE api_resources SET slug_base = slug, version = 1;");

            migrationBuilder.CreateTable(
                name: "business_hours",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    resource_id = table.Column<Guid>(type: "uuid", nullable: false),
                    day_of_week = table.Column<short>(type: "smallint", nullable: false),
                    open_time = table.Column<TimeOnly>(type: "time without time zone", nullable: true),
                    close_time = table.Column<TimeOnly>(type: "time without time zone", nullable: true),
                    is_closed = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_business_hours", x => x.id);
                    table.ForeignKey(
                        name: "FK_business_hours_api_resources_resource_id",
                        column: x => x.resource_id,
                        principalTable: "api_resources",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "resource_changes",
                columns: table => new
                {
                    sequence = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    type = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    resource_id = table.Column<Guid>(type: "uuid", nullable: false),
                    occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    resource = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_resource_changes", x => x.sequence);
                });

            migrationBuilder.CreateTable(
                name: "resource_images",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    resource_id = table.Column<Guid>(type: "uuid", nullable: false),
                    url = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    alt_text = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    is_primary = table.Column<bool>(type: "boolean", nullable: false),
                    order_index = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_resource_images", x => x.id);
                    table.ForeignKey(
                        name: "FK_resource_images_api_resources_resource_id",
                        column: x => x.resource_id,
                        principalTable: "api_resources",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_api_resources_created_at",
                table: "api_resources",
                column: "created_at",
                descending: new bool[0]);

            migrationBuilder.CreateIndex(
                name: "IX_api_resources_external_id",
                table: "api_resources",
                column: "external_id",
                unique: true,
                filter: "external_id IS NOT NULL AND deleted_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_api_resources_latitude_longitude",
                table: "api_resources",
                columns: new[] { "latitude", "longitude" });

            migrationBuilder.CreateIndex(
                name: "ix_api_resources_name_trgm",
                table: "api_resources",
                column: "name")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_api_resources_slug_base",
                table: "api_resources",
                column: "slug_base");

            migrationBuilder.CreateIndex(
                name: "IX_api_resources_status_created_at",
                table: "api_resources",
                columns: new[] { "status", "created_at" },
                descending: new[] { false, true },
                filter: "deleted_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_api_resources_status_plan",
                table: "api_resources",
                columns: new[] { "status", "plan" });

            migrationBuilder.CreateIndex(
                name: "IX_api_resources_user_id",
                table: "api_resources",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "IX_business_hours_resource_id_day_of_week",
                table: "business_hours",
                columns: new[] { "resource_id", "day_of_week" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_resource_changes_resource_id",
                table: "resource_changes",
                column: "resource_id");

            migrationBuilder.CreateIndex(
                name: "ix_resource_images_one_primary",
                table: "resource_images",
                column: "resource_id",
                unique: true,
                filter: "is_primary");

            migrationBuilder.CreateIndex(
                name: "IX_resource_images_resource_id_order_index",
                table: "resource_images",
                columns: new[] { "resource_id", "order_index" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "business_hours");

            migrationBuilder.DropTable(
                name: "resource_changes");

            migrationBuilder.DropTable(
                name: "resource_images");

            migrationBuilder.DropIndex(
                name: "IX_api_resources_created_at",
                table: "api_resources");

            migrationBuilder.DropIndex(
                name: "IX_api_resources_external_id",
                table: "api_resources");

            migrationBuilder.DropIndex(
                name: "IX_api_resources_latitude_longitude",
                table: "api_resources");

            migrationBuilder.DropIndex(
                name: "ix_api_resources_name_trgm",
                table: "api_resources");

            migrationBuilder.DropIndex(
                name: "IX_api_resources_slug_base",
                table: "api_resources");

            migrationBuilder.DropIndex(
                name: "IX_api_resources_status_created_at",
                table: "api_resources");

            migrationBuilder.DropIndex(
                name: "IX_api_resources_status_plan",
                table: "api_resources");

            migrationBuilder.DropIndex(
                name: "IX_api_resources_user_id",
                table: "api_resources");

            migrationBuilder.DropColumn(
                name: "created_at",
                table: "categories");

            migrationBuilder.DropColumn(
                name: "updated_at",
                table: "categories");

            migrationBuilder.DropColumn(
                name: "address_line1",
                table: "api_resources");

            migrationBuilder.DropColumn(
                name: "address_line2",
                table: "api_resources");

            migrationBuilder.DropColumn(
                name: "email",
                table: "api_resources");

            migrationBuilder.DropColumn(
                name: "external_id",
                table: "api_resources");

            migrationBuilder.DropColumn(
                name: "meta_description",
                table: "api_resources");

            migrationBuilder.DropColumn(
                name: "meta_title",
                table: "api_resources");

            migrationBuilder.DropColumn(
                name: "phone",
                table: "api_resources");

            migrationBuilder.DropColumn(
                name: "postal_code",
                table: "api_resources");

            migrationBuilder.DropColumn(
                name: "slug_base",
                table: "api_resources");

            migrationBuilder.DropColumn(
                name: "version",
                table: "api_resources");

            migrationBuilder.DropColumn(
                name: "website",
                table: "api_resources");

            migrationBuilder.AlterDatabase()
                .OldAnnotation("Npgsql:PostgresExtension:pg_trgm", ",,");

            migrationBuilder.AlterColumn<string>(
                name: "slug",
                table: "categories",
                type: "character varying(120)",
                maxLength: 120,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(220)",
                oldMaxLength: 220);

            migrationBuilder.CreateIndex(
                name: "IX_api_resources_status_created_at",
                table: "api_resources",
                columns: new[] { "status", "created_at" },
                filter: "deleted_at IS NULL");
        }
    }
}
