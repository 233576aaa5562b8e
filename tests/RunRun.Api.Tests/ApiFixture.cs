namespace RunRun.Api.Tests;

/// <summary>
/// One host shared by a test class whose tests leave the clock and the settings alone: each test
/// signs up its own accounts and creates its own products, so they do not see each other. An
/// operator account is configured, as operators never sign themselves up.
/// </summary>
public sealed class ApiFixture : IAsyncLifetime
{
    public const string OperatorEmail = "ops@runrun.test";
    public const string OperatorPassword = "operator-password-1";

    public ApiHost Host { get; } = new(new Dictionary<string, string>
    {
        ["RunRun:Api:Operator:Email"] = OperatorEmail,
        ["RunRun:Api:Operator:Password"] = OperatorPassword,
    });

    public async Task<User> OperatorAsync() => new(OperatorEmail, await Host.TokenAsync(OperatorEmail, OperatorPassword));

    public Task InitializeAsync() => Host.StartAsync();

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
