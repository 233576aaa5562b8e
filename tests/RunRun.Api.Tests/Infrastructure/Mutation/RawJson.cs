using System.Globalization;
using System.Text;
using System.Text.Json;

namespace RunRun.Api.Tests.Infrastructure.Mutation;

/// <summary>Builds hand-written JSON (<see cref="Node"/>) and edits it by path: dot-separated names and array indexes.</summary>
internal static class RawJson
{
    public static Literal Str(string value) => new(JsonSerializer.Serialize(value));

    public static Literal Num(long value) => new(value.ToString(CultureInfo.InvariantCulture));

    public static ObjectNode Obj(params (string Name, Node Value)[] members) => new([.. members.Select(m => new Member(m.Name, m.Value))]);

    public static ArrayNode Arr(params Node[] items) => new([.. items]);

    public static string Text(Node node)
    {
        var text = new StringBuilder();
        node.Write(text);
        return text.ToString();
    }

    public static byte[] Utf8(Node node) => Encoding.UTF8.GetBytes(Text(node));

    public static Node? Child(Node node, string segment) => node switch
    {
        ObjectNode obj => obj.Members.Find(m => m.Name == segment)?.Value,
        ArrayNode array when int.TryParse(segment, CultureInfo.InvariantCulture, out var i) && i < array.Items.Count => array.Items[i],
        _ => null,
    };

    /// <summary>The node holding the value at <paramref name="path"/> (dot-separated names and array indexes), and the last segment.</summary>
    public static (Node Parent, string Last)? Locate(Node root, string path)
    {
        var segments = path.Split('.');
        var node = root;
        foreach (var segment in segments[..^1])
        {
            if (Child(node, segment) is not { } next)
            {
                return null;
            }

            node = next;
        }

        return Child(node, segments[^1]) is null ? null : (node, segments[^1]);
    }

    public static bool Set(Node root, string path, string json)
    {
        switch (Locate(root, path))
        {
            case (ObjectNode obj, var name):
                var at = obj.Members.FindIndex(m => m.Name == name);
                obj.Members[at] = obj.Members[at] with { Value = new Literal(json) };
                return true;
            case (ArrayNode array, var index):
                array.Items[int.Parse(index, CultureInfo.InvariantCulture)] = new Literal(json);
                return true;
            default:
                return false;
        }
    }

    public static bool Remove(Node root, string path)
    {
        switch (Locate(root, path))
        {
            case (ObjectNode obj, var name):
                obj.Members.RemoveAt(obj.Members.FindIndex(m => m.Name == name));
                return true;
            case (ArrayNode array, var index):
                array.Items.RemoveAt(int.Parse(index, CultureInfo.InvariantCulture));
                return true;
            default:
                return false;
        }
    }

    /// <summary>Adds a second property named <paramref name="name"/> right after the field, so its value is the one read last.</summary>
    public static bool Repeat(Node root, string path, string name, string json)
    {
        if (Locate(root, path) is not (ObjectNode obj, var original))
        {
            return false;
        }

        obj.Members.Insert(obj.Members.FindIndex(m => m.Name == original) + 1, new Member(name, new Literal(json)));
        return true;
    }

    public static IEnumerable<(string Path, ObjectNode Node)> Objects(Node node, string path)
    {
        switch (node)
        {
            case ObjectNode obj:
                yield return (path, obj);
                foreach (var member in obj.Members)
                {
                    foreach (var inner in Objects(member.Value, $"{path}.{member.Name}"))
                    {
                        yield return inner;
                    }
                }

                break;
            case ArrayNode array:
                for (var i = 0; i < array.Items.Count; i++)
                {
                    foreach (var inner in Objects(array.Items[i], $"{path}.{i}"))
                    {
                        yield return inner;
                    }
                }

                break;
        }
    }
}
