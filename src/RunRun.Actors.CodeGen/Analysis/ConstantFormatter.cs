using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace RunRun.Actors.CodeGen.Analysis;

/// <summary>
/// Writes constant values (attribute arguments, parameter defaults) as C# expressions. Values are
/// re-created from the constant rather than copied from syntax, because the source text may name
/// constants that are not in scope in the generated file.
/// </summary>
internal static class ConstantFormatter
{
    public static string Format(TypedConstant constant)
    {
        if (constant.IsNull)
        {
            return "null";
        }

        return constant.Kind switch
        {
            TypedConstantKind.Enum => Cast(constant.Type!, Primitive(constant.Value)),
            TypedConstantKind.Type => $"typeof({TypeNames.TypeOf((ITypeSymbol)constant.Value!)})",
            TypedConstantKind.Array =>
                $"new {TypeNames.Code(constant.Type!)} {{ {string.Join(", ", constant.Values.Select(Format))} }}",
            TypedConstantKind.Primitive when constant.Type is { } type => Value(constant.Value, type),
            _ => "null",
        };
    }

    /// <summary>A parameter's default value converted to the parameter's type.</summary>
    public static string Value(object? value, ITypeSymbol type)
    {
        if (value is null)
        {
            return type.IsReferenceType ? "null" : $"default({TypeNames.Code(type)})";
        }

        return value switch
        {
            string or bool or char => Primitive(value),
            // Casting keeps byte, short and enum defaults typed; the suffixes keep precision.
            decimal number => Cast(type, number.ToString(CultureInfo.InvariantCulture) + "M"),
            float number => Cast(type, IsFinite(number) ? number.ToString("R", CultureInfo.InvariantCulture) + "F" : NonFinite(number, "Single")),
            double number => Cast(type, IsFinite(number) ? number.ToString("R", CultureInfo.InvariantCulture) + "D" : NonFinite(number, "Double")),
            long.MinValue => Cast(type, "global::System.Int64.MinValue"),
            _ => Cast(type, Primitive(value)),
        };
    }

    private static bool IsFinite(double number) => !double.IsNaN(number) && !double.IsInfinity(number);

    private static string NonFinite(double number, string typeName) =>
        double.IsNaN(number)
            ? $"global::System.{typeName}.NaN"
            : $"global::System.{typeName}.{(number > 0 ? "PositiveInfinity" : "NegativeInfinity")}";

    private static string Cast(ITypeSymbol type, string expression) => $"({TypeNames.Code(type)})({expression})";

    private static string Primitive(object? value) =>
        SymbolDisplay.FormatPrimitive(value!, quoteStrings: true, useHexadecimalNumbers: false);
}
