using System.Text;
using System.Text.Json.Nodes;

namespace RunRun.Api.Tests.Infrastructure.Mutation;

/// <summary>
/// JSON built by hand, as <see cref="JsonNode"/> cannot hold what the mutations need: a name
/// twice in one object, numbers no .NET type holds, and text that is not JSON at all.
/// </summary>
internal abstract class Node
{
    public abstract void Write(StringBuilder text);
}

/// <summary>A value as its JSON text, written as it is.</summary>
internal sealed class Literal(string json) : Node
{
    public override void Write(StringBuilder text) => text.Append(json);
}

/// <summary>A property; its name is written between quotes as it is, so it may hold escapes.</summary>
internal sealed record Member(string Name, Node Value);

internal sealed class ObjectNode(List<Member> members) : Node
{
    public List<Member> Members { get; } = members;

    public override void Write(StringBuilder text)
    {
        text.Append('{');
        for (var i = 0; i < Members.Count; i++)
        {
            text.Append(i == 0 ? "\"" : ",\"").Append(Members[i].Name).Append("\":");
            Members[i].Value.Write(text);
        }

        text.Append('}');
    }
}

internal sealed class ArrayNode(List<Node> items) : Node
{
    public List<Node> Items { get; } = items;

    public override void Write(StringBuilder text)
    {
        text.Append('[');
        for (var i = 0; i < Items.Count; i++)
        {
            text.Append(i == 0 ? "" : ",");
            Items[i].Write(text);
        }

        text.Append(']');
    }
}
