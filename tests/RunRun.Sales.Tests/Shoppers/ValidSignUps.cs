using RunRun.Sales.Shoppers;

namespace RunRun.Sales.Tests.Shoppers;

/// <summary>Sign-ups just inside each rule, applied to a valid sign-up.</summary>
internal static class ValidSignUps
{
    public static readonly IReadOnlyDictionary<string, Func<SignUpRequest, SignUpRequest>> Cases =
        new Dictionary<string, Func<SignUpRequest, SignUpRequest>>
        {
            ["email of 254 characters"] = r => r with { Email = Guid.NewGuid().ToString("N") + new string('k', 32) + "@" + new string('d', 185) + ".com" },
            ["email with plus and subdomain"] = r => r with { Email = $"kim+{Guid.NewGuid():N}@mail.example.co.kr" },
            ["email with a Korean local part"] = r => r with { Email = $"김런-{Guid.NewGuid():N}@example.com" },
            ["display name of 1 character"] = r => r with { DisplayName = "K" },
            ["display name of 100 characters"] = r => r with { DisplayName = new string('a', 100) },
            ["display name of 100 Korean syllables"] = r => r with { DisplayName = new string('런', 100) },
            ["display name of 100 emoji"] = r => r with { DisplayName = string.Concat(Enumerable.Repeat("🔥", 100)) },
            ["password of 8 characters"] = r => r with { Password = "12345678" },
            ["password of 128 characters"] = r => r with { Password = new string('p', 128) },
            ["password of 128 emoji"] = r => r with { Password = string.Concat(Enumerable.Repeat("🔑", 128)) },
            ["password with spaces at both ends"] = r => r with { Password = "  spaced out  " },
            ["password in Korean"] = r => r with { Password = "비밀번호는런런" + "!" },
        };
}
