using RunRun.Sales.Shoppers;

namespace RunRun.Sales.Tests.Shoppers;

/// <summary>One broken rule per case, applied to a valid sign-up, with the field the refusal must name.</summary>
internal static class InvalidSignUps
{
    public static readonly IReadOnlyDictionary<string, (Func<SignUpRequest, SignUpRequest> Change, string Field)> Cases =
        new Dictionary<string, (Func<SignUpRequest, SignUpRequest>, string)>
        {
            ["null email"] = (r => r with { Email = null! }, "email"),
            ["empty email"] = (r => r with { Email = "" }, "email"),
            ["whitespace email"] = (r => r with { Email = "   " }, "email"),
            ["email without @"] = (r => r with { Email = "kim.example.com" }, "email"),
            ["email with two @"] = (r => r with { Email = "kim@run@example.com" }, "email"),
            ["email without local part"] = (r => r with { Email = "@example.com" }, "email"),
            ["email without domain"] = (r => r with { Email = "kim@" }, "email"),
            ["email with an undotted domain"] = (r => r with { Email = "kim@localhost" }, "email"),
            ["email with an empty domain label"] = (r => r with { Email = "kim@example..com" }, "email"),
            ["email with a domain ending in a dot"] = (r => r with { Email = "kim@example.com." }, "email"),
            ["email with a space inside"] = (r => r with { Email = "kim run@example.com" }, "email"),
            ["email with a control character"] = (r => r with { Email = "kim\u0001@example.com" }, "email"),
            ["email over 254 characters"] = (r => r with { Email = new string('k', 64) + "@" + new string('d', 186) + ".com" }, "email"),
            ["null display name"] = (r => r with { DisplayName = null! }, "displayName"),
            ["empty display name"] = (r => r with { DisplayName = "" }, "displayName"),
            ["whitespace display name"] = (r => r with { DisplayName = " \t " }, "displayName"),
            ["display name over 100 characters"] = (r => r with { DisplayName = new string('a', 101) }, "displayName"),
            ["display name over 100 Korean syllables"] = (r => r with { DisplayName = new string('런', 101) }, "displayName"),
            ["display name with a line break"] = (r => r with { DisplayName = "Kim\nRun" }, "displayName"),
            ["display name with an escape character"] = (r => r with { DisplayName = "Kim\u001b[31mRun" }, "displayName"),
            ["null password"] = (r => r with { Password = null! }, "password"),
            ["empty password"] = (r => r with { Password = "" }, "password"),
            ["password of 7 characters"] = (r => r with { Password = "1234567" }, "password"),
            ["password of 7 emoji"] = (r => r with { Password = string.Concat(Enumerable.Repeat("🔑", 7)) }, "password"),
            ["password over 128 characters"] = (r => r with { Password = new string('p', 129) }, "password"),
            ["unknown role"] = (r => r with { Roles = (Roles)8 }, "roles"),
        };
}
