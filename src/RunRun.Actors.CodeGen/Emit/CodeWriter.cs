using System.Text;

namespace RunRun.Actors.CodeGen.Emit;

/// <summary>Builds indented C# text with '\n' line ends, whatever the host's newline is.</summary>
internal sealed class CodeWriter
{
    private const int IndentSize = 4;

    private readonly StringBuilder _builder = new();
    private int _depth;

    public void Line(string text = "")
    {
        if (text.Length > 0)
        {
            _builder.Append(' ', _depth * IndentSize).Append(text);
        }

        _builder.Append('\n');
    }

    public void Open(string header)
    {
        Line(header);
        Line("{");
        _depth++;
    }

    public void Close(string trailer = "")
    {
        _depth--;
        Line("}" + trailer);
    }

    public void Indent() => _depth++;

    public void Unindent() => _depth--;

    public override string ToString() => _builder.ToString();
}
