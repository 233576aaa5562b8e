namespace RunRun.Actors.Tests.Storage;

/// <summary>Keys and names that break naive escaping, path handling or byte/char confusion.</summary>
public static class AwkwardNames
{
    public static TheoryData<string, string> KeysAndNames => new()
    {
        { "상품-42", "재고" },
        { "🛒🔥", "state🙂" },
        { "it's \"quoted\"", "name'with\"quotes" },
        { "a/b/c", "slash/in/name" },
        { "back\\slash %_ ;--", "percent%_under;--" },
        { "tab\tnew\nline", "ünïcødé" },
    };
}
