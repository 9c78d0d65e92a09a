using RomApi.Contracts;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace RomApi.Storage.Postgres;

/// <summary>Stores an enum as the UPPER_CASE text the API uses, so SQL reads the same values as clients.</summary>
public sealed class UpperCaseEnumConverter<TEnum>() : ValueConverter<TEnum, string>(
    value => WireNames.Of(value),
    text => WireNames.Parse<TEnum>(text))
    where TEnum : struct, Enum;
