using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RomApi.AnalyticsService.Migrations
{
    /// <inheritdoc />
    public partial class PartitionedEventsAndRollups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "analytics_hourly_rollups",
                columns: table => new
                {
                    resource_id = table.Column<Guid>(type: "uuid", nullable: false),
                    event_type = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    bucket_start = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    count = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_analytics_hourly_rollups", x => new { x.resource_id, x.bucket_start, x.event_type });
                });

            migrationBuilder.CreateTable(
                name: "analytics_received_event_ids",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_analytics_received_event_ids", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_analytics_hourly_rollups_event_type_bucket_start",
                table: "analytics_hourly_rollups",
                columns: new[] { "event_type", "bucket_start" })
                .Annotation("Npgsql:IndexInclude", new[] { "resource_id", "count" });

            migrationBuilder.CreateIndex(
                name: "IX_analytics_received_event_ids_received_at",
                table: "analytics_received_event_ids",
                column: "received_at");

            // Raw events become a table partitioned by month (EF cannot declare one). The plain table of InitialCreate is
            // renamed, its rows moved into the partitions and counted into the rollup, then dropped.
            migrationBuilder.Sql("""
                ALTER TABLE analytics_events RENAME TO analytics_events_legacy;
                ALTER TABLE analytics_events_legacy RENAME CONSTRAINT "PK_analytics_events" TO "PK_analytics_events_legacy";
                DROP INDEX "IX_analytics_events_event_type_created_at";
                DROP INDEX "IX_analytics_events_resource_id_created_at";

                CREATE TABLE analytics_events (
                    id uuid NOT NULL,
                    resource_id uuid NULL,
                    event_type character varying(32) NOT NULL,
                    user_id uuid NULL,
                    api_key_id uuid NULL,
                    user_agent character varying(512) NULL,
                    ip_address inet NULL,
                    referrer character varying(2048) NULL,
                    metadata jsonb NULL,
                    created_at timestamp with time zone NOT NULL
                ) PARTITION BY RANGE (created_at);

                -- Per-resource reads over raw rows, usage per user, search analytics by type and time.
                CREATE INDEX "IX_analytics_events_resource_id_created_at" ON analytics_events (resource_id, created_at) WHERE resource_id IS NOT NULL;
                CREATE INDEX "IX_analytics_events_event_type_created_at" ON analytics_events (event_type, created_at);
                CREATE INDEX "IX_analytics_events_user_id_created_at" ON analytics_events (user_id, created_at) WHERE user_id IS NOT NULL;

                -- Creates the partition holding month_start's UTC month unless it exists; returns its name.
                -- Month arithmetic on timestamp without time zone, so the session time zone cannot shift the bounds.
                CREATE FUNCTION analytics_ensure_month_partition(month_start timestamp with time zone) RETURNS text
                LANGUAGE plpgsql AS $$
                DECLARE
                    first_day timestamp := date_trunc('month', month_start AT TIME ZONE 'UTC');
                    partition_name text := 'analytics_events_' || to_char(first_day, 'YYYY_MM');
                BEGIN
                    -- Replicas may race to create the same month.
                    PERFORM pg_advisory_xact_lock(hashtext('analytics_events_partitions'));
                    IF to_regclass(partition_name) IS NULL THEN
                        EXECUTE format('CREATE TABLE %I PARTITION OF analytics_events FOR VALUES FROM (%L) TO (%L)',
                            partition_name, first_day AT TIME ZONE 'UTC', (first_day + interval '1 month') AT TIME ZONE 'UTC');
                    END IF;
                    RETURN partition_name;
                END
                $$;

                SELECT analytics_ensure_month_partition((month AT TIME ZONE 'UTC'))
                FROM generate_series(
                    date_trunc('month', coalesce((SELECT min(created_at) FROM analytics_events_legacy), now()) AT TIME ZONE 'UTC'),
                    date_trunc('month', greatest((SELECT max(created_at) FROM analytics_events_legacy), now()) AT TIME ZONE 'UTC') + interval '2 months',
                    interval '1 month') AS month;

                INSERT INTO analytics_events (id, resource_id, event_type, metadata, created_at)
                SELECT id, resource_id, event_type, metadata, created_at FROM analytics_events_legacy;

                INSERT INTO analytics_hourly_rollups (resource_id, event_type, bucket_start, count)
                SELECT resource_id, event_type, date_trunc('hour', created_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', count(*)
                FROM analytics_events_legacy
                GROUP BY 1, 2, 3;

                DROP TABLE analytics_events_legacy;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TABLE analytics_events;
                DROP FUNCTION analytics_ensure_month_partition(timestamp with time zone);
                CREATE TABLE analytics_events (
                    id uuid NOT NULL CONSTRAINT "PK_analytics_events" PRIMARY KEY,
                    resource_id uuid NOT NULL,
                    event_type character varying(32) NOT NULL,
                    created_at timestamp with time zone NOT NULL,
                    metadata jsonb NULL);
                CREATE INDEX "IX_analytics_events_event_type_created_at" ON analytics_events (event_type, created_at);
                CREATE INDEX "IX_analytics_events_resource_id_created_at" ON analytics_events (resource_id, created_at);
                """);

            migrationBuilder.DropTable(
                name: "analytics_hourly_rollups");

            migrationBuilder.DropTable(
                name: "analytics_received_event_ids");
        }
    }
}
