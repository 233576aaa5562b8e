using System.Net;
using System.Text.RegularExpressions;

namespace RunRun.Api.Tests.Operations;

/// <summary>The docs page is served by the API itself: no CDN, so it works offline and leaks no visit to a third party.</summary>
public sealed partial class DocsPageTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private ApiHost Host => api.Host;

    [Fact]
    public async Task Docs_Page_ReferencesNoOtherHostAndEveryAssetIsServed()
    {
        using var entry = await Host.SendAsync(HttpMethod.Get, "/docs");
        var pagePath = entry.StatusCode is HttpStatusCode.MovedPermanently or HttpStatusCode.Redirect
            ? new Uri(new Uri(Host.Client.BaseAddress!, "/docs/"), entry.Headers.Location!).AbsolutePath
            : "/docs";
        using var page = await Host.SendAsync(HttpMethod.Get, pagePath);
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await page.Content.ReadAsStringAsync();

        var references = Reference().Matches(html).Select(match => match.Groups["url"].Value).ToList();

        references.ShouldContain(url => url.EndsWith(".js", StringComparison.Ordinal), html);
        references.ShouldContain(url => url.EndsWith(".css", StringComparison.Ordinal), html);
        references.Where(url => OtherHost().IsMatch(url)).ShouldBeEmpty("the page loads nothing from another host");
        var pageUri = new Uri(Host.Client.BaseAddress!, pagePath);
        foreach (var url in references)
        {
            using var asset = await Host.SendAsync(HttpMethod.Get, new Uri(pageUri, url).PathAndQuery);
            asset.StatusCode.ShouldBe(HttpStatusCode.OK, $"{url} referenced by {pagePath}");
        }
    }

    [GeneratedRegex("""\b(?:src|href)\s*=\s*["'](?<url>[^"']+)["']""", RegexOptions.IgnoreCase)]
    private static partial Regex Reference();

    // An absolute or scheme-relative address: anything but a path on this server.
    [GeneratedRegex("^(?:[a-z][a-z0-9+.-]*:|//)", RegexOptions.IgnoreCase)]
    private static partial Regex OtherHost();
}
