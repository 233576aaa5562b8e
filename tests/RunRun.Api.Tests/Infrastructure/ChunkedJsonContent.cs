using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace RunRun.Api.Tests.Infrastructure;

/// <summary>A JSON body that declares no length, so it travels chunked, as a client streaming its body sends it.</summary>
internal sealed class ChunkedJsonContent : HttpContent
{
    private readonly byte[] _json;

    public ChunkedJsonContent(string json)
    {
        _json = Encoding.UTF8.GetBytes(json);
        Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(_json).AsTask();

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
