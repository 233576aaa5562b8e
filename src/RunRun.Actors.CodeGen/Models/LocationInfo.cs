using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace RunRun.Actors.CodeGen.Models;

/// <summary>A source location without the syntax tree, so diagnostics can live in cached models.</summary>
internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
{
    public static LocationInfo? From(ISymbol symbol)
    {
        foreach (var location in symbol.Locations)
        {
            if (location.IsInSource)
            {
                return From(location);
            }
        }

        return null;
    }

    public static LocationInfo From(Location location) =>
        new(location.SourceTree?.FilePath ?? string.Empty, location.SourceSpan, location.GetLineSpan().Span);

    public Location ToLocation() => Location.Create(FilePath, Span, LineSpan);
}
