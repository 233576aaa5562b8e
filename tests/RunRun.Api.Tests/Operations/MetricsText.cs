using System.Globalization;
using System.Net;

namespace RunRun.Api.Tests.Operations;

/// <summary>Reads samples out of the Prometheus text /metrics serves.</summary>
internal static class MetricsText
{
    public static async Task<string> ScrapeAsync(ApiHost host)
    {
        using var response = await host.SendAsync(HttpMethod.Get, "/metrics");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The value of the sample whose name and labels are exactly <paramref name="series"/>, or 0 when absent.</summary>
    public static double Value(string text, string series)
    {
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith(series + " ", StringComparison.Ordinal))
            {
                return double.Parse(line[(series.Length + 1)..], CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }
}
