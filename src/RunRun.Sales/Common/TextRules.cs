using System.Buffers;
using System.Text;

namespace RunRun.Sales.Common;

/// <summary>Text checks shared by every validator, so a name means the same everywhere.</summary>
internal static class TextRules
{
    /// <summary>Length in Unicode characters (a Korean syllable or an emoji is one), as utf8mb4 columns count.</summary>
    public static int Length(string text)
    {
        var count = 0;
        foreach (var _ in text.EnumerateRunes())
        {
            count++;
        }

        return count;
    }

    /// <summary>False for control characters and for lone surrogates, which no UTF-8 store can keep.</summary>
    public static bool IsPrintable(string text)
    {
        var rest = text.AsSpan();
        while (!rest.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(rest, out var rune, out var consumed) != OperationStatus.Done || Rune.IsControl(rune))
            {
                return false;
            }

            rest = rest[consumed..];
        }

        return true;
    }
}
