using Microsoft.CodeAnalysis;

namespace RunRun.Actors.CodeGen.Analysis;

/// <summary>The display formats type names are written in, one per place they appear.</summary>
internal static class TypeNames
{
    /// <summary>For declarations and generic arguments: global-qualified, nullable annotations kept so overrides match.</summary>
    private static readonly SymbolDisplayFormat CodeFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    /// <summary>For typeof, which rejects nullable reference annotations and tuple element names.</summary>
    private static readonly SymbolDisplayFormat TypeOfFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.ExpandValueTuple);

    /// <summary>For names sent on the wire: no "global::" and no nullability, so they stay stable.</summary>
    private static readonly SymbolDisplayFormat WireFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .WithGlobalNamespaceStyle(SymbolDisplayGlobalNamespaceStyle.Omitted)
        .RemoveMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.EscapeKeywordIdentifiers);

    public static string Code(ITypeSymbol type) => type.ToDisplayString(CodeFormat);

    public static string TypeOf(ITypeSymbol type) => type.ToDisplayString(TypeOfFormat);

    public static string Wire(ITypeSymbol type) => type.ToDisplayString(WireFormat);

    /// <summary>The type as a DI resolver's generic argument, which must be notnull.</summary>
    public static string Service(ITypeSymbol type) =>
        Code(type.WithNullableAnnotation(NullableAnnotation.NotAnnotated));
}
