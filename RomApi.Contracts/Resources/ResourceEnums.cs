namespace RomApi.Contracts.Resources;

/// <summary>What a resource is; UPPER_CASE on the wire and in SQL (<see cref="WireNames"/>).</summary>
public enum ResourceType { Business, Service, Data, Api }

/// <summary>Where a resource is in moderation; only ACTIVE ones are public.</summary>
public enum ResourceStatus { Pending, Active, Suspended }

public enum ResourcePlan { Free, Premium, Featured }
