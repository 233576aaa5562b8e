using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace RunRun.Api.Tests.Infrastructure;

/// <summary>
/// One HTTP/1.1 request over a plain socket to a real server. A server that refuses a body answers
/// before it has read it all, then closes; HttpClient waits for its upload to finish before it hands
/// back the answer, so it reports the broken upload instead whenever the close wins the race. This
/// client stops sending when the server stops reading, and reads the answer.
/// </summary>
internal static class RawHttp
{
    private const int PieceBytes = 16 * 1024;

    public static async Task<HttpResponseMessage> PostJsonAsync(Uri server, string path, string bearerToken, string? idempotencyKey, string json, bool chunked)
    {
        var body = Encoding.UTF8.GetBytes(json);
        var head = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"POST {path} HTTP/1.1\r\nHost: {server.Authority}\r\nConnection: close\r\n")
            .Append(CultureInfo.InvariantCulture, $"Authorization: Bearer {bearerToken}\r\nContent-Type: application/json; charset=utf-8\r\n")
            .Append(idempotencyKey is null ? string.Empty : $"Idempotency-Key: {idempotencyKey}\r\n")
            .Append(chunked ? "Transfer-Encoding: chunked\r\n" : string.Create(CultureInfo.InvariantCulture, $"Content-Length: {body.Length}\r\n"))
            .Append("\r\n");

        using var client = new TcpClient();
        await client.ConnectAsync(server.Host, server.Port);
        var stream = client.GetStream();

        // Read while still sending: an answer read only afterwards could be lost to the reset that a
        // server closing with part of the body unread sends right behind it.
        var answer = ReadToCloseAsync(stream);
        try
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()));
            for (var offset = 0; offset < body.Length; offset += PieceBytes)
            {
                var piece = body.AsMemory(offset, Math.Min(PieceBytes, body.Length - offset));
                if (chunked)
                {
                    await stream.WriteAsync(Encoding.ASCII.GetBytes(piece.Length.ToString("x", CultureInfo.InvariantCulture) + "\r\n"));
                }

                await stream.WriteAsync(piece);
                if (chunked)
                {
                    await stream.WriteAsync("\r\n"u8.ToArray());
                }
            }

            if (chunked)
            {
                await stream.WriteAsync("0\r\n\r\n"u8.ToArray());
            }
        }
        catch (IOException)
        {
            // The server stopped reading the body; what it answered is still to be read.
        }

        return Parse(await answer);
    }

    private static async Task<byte[]> ReadToCloseAsync(NetworkStream stream)
    {
        var received = new MemoryStream();
        var buffer = new byte[PieceBytes];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer)) > 0)
            {
                received.Write(buffer, 0, read);
            }
        }
        catch (IOException) when (received.Length > 0)
        {
            // A server that closes with the rest of the body unread resets the connection after its answer.
        }

        return received.ToArray();
    }

    private static HttpResponseMessage Parse(byte[] received)
    {
        var headEnd = received.AsSpan().IndexOf("\r\n\r\n"u8);
        headEnd.ShouldBeGreaterThan(0, $"no complete answer: {Encoding.UTF8.GetString(received)}");
        var lines = Encoding.ASCII.GetString(received, 0, headEnd).Split("\r\n");
        var response = new HttpResponseMessage((HttpStatusCode)int.Parse(lines[0].Split(' ')[1], CultureInfo.InvariantCulture));
        var headers = lines.Skip(1).Select(line => (Name: line[..line.IndexOf(':', StringComparison.Ordinal)], Value: line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim())).ToList();
        var body = received[(headEnd + 4)..];
        if (headers.Any(header => header.Name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase) && header.Value.Equals("chunked", StringComparison.OrdinalIgnoreCase)))
        {
            body = Dechunk(body);
        }

        response.Content = new ByteArrayContent(body);
        foreach (var (name, value) in headers)
        {
            if (!response.Headers.TryAddWithoutValidation(name, value))
            {
                response.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return response;
    }

    private static byte[] Dechunk(byte[] chunked)
    {
        var body = new MemoryStream();
        var at = 0;
        while (true)
        {
            var sizeEnd = at + chunked.AsSpan(at).IndexOf("\r\n"u8);
            var size = int.Parse(Encoding.ASCII.GetString(chunked, at, sizeEnd - at), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if (size == 0)
            {
                return body.ToArray();
            }

            body.Write(chunked, sizeEnd + 2, size);
            at = sizeEnd + 2 + size + 2;
        }
    }
}
