using Microsoft.Extensions.Options;
using RunRun.Actors;
using RunRun.Sales;
using RunRun.Sales.Shoppers;

namespace RunRun.Api.Infrastructure;

/// <summary>Creates the configured operator account at start-up, if it does not exist yet.</summary>
internal sealed partial class BootstrapAccounts(IGrainFactory grains, IOptions<ApiOptions> options, ILogger<BootstrapAccounts> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var account = options.Value.Operator;
        if (string.IsNullOrWhiteSpace(account.Email) || string.IsNullOrEmpty(account.Password))
        {
            return;
        }

        var result = await grains.GetGrain<IShopperGrain>(EmailAddress.Normalize(account.Email))
            .SignUp(new SignUpRequest(account.Email, "Operator", account.Password, Roles.Operator | Roles.Seller | Roles.Shopper));
        if (result.Status is not (AccountStatus.Ok or AccountStatus.AlreadyExists))
        {
            throw new OptionsValidationException(ApiOptions.SectionName, typeof(ApiOptions),
                [$"{ApiOptions.SectionName}:Operator could not be created: {string.Join("; ", result.Errors.Select(error => $"{error.Field}: {error.Message}"))}"]);
        }

        var userId = EmailAddress.Normalize(account.Email);
        LogOperator(logger, userId);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 40, Level = LogLevel.Information, Message = "Operator account {UserId} is ready")]
    private static partial void LogOperator(ILogger logger, string userId);
}
