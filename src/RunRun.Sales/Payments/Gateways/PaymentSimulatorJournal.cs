using System.Text;
using System.Text.Json;

namespace RunRun.Sales.Payments.Gateways;

/// <summary>
/// The <see cref="PaymentSimulator"/>'s final answers, one JSON line each, appended to a file and
/// read back when the next process starts. A real provider does not forget a charge because the
/// shop restarted; without this, a paid order of the embedded default could not be refunded after
/// a restart, and a retried confirmation could charge again.
/// </summary>
/// <remarks>
/// Each line is handed to the operating system before its answer leaves the simulator, so the
/// answers survive the process, though not a crash of the machine: the simulator stands in for
/// a provider in development, where the process is what restarts. A last line cut short by a
/// crash mid-write is skipped; any other unreadable line stops the start with its line number.
/// </remarks>
internal sealed class PaymentSimulatorJournal : IDisposable
{
    private static readonly byte[] NewLine = "\n"u8.ToArray();

    private readonly FileStream _file;

    private PaymentSimulatorJournal(FileStream file) => _file = file;

    /// <summary>Opens (or creates) the journal at <paramref name="path"/> and reads the answers already in it, oldest first.</summary>
    public static PaymentSimulatorJournal Open(string path, out IReadOnlyList<SimulatedPaymentCall> answers)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        // Not shared: two simulators appending to one file would interleave their answers. (On Unix
        // .NET enforces only FileShare.None, with an exclusive advisory lock.)
        var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        try
        {
            answers = Read(file, path);
            return new PaymentSimulatorJournal(file);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    public void Append(SimulatedPaymentCall answer)
    {
        var line = JsonSerializer.SerializeToUtf8Bytes(answer, PaymentSimulatorJournalJsonContext.Default.SimulatedPaymentCall);
        _file.Write(line);
        _file.Write(NewLine);
        _file.Flush();
    }

    public void Dispose() => _file.Dispose();

    /// <summary>Reads every complete line and leaves the file positioned to append after the last one.</summary>
    private static List<SimulatedPaymentCall> Read(FileStream file, string path)
    {
        var answers = new List<SimulatedPaymentCall>();
        using var reader = new StreamReader(file, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, leaveOpen: true);
        var text = reader.ReadToEnd();
        var end = text.LastIndexOf('\n') + 1;
        var lineNumber = 0;
        foreach (var line in text.AsSpan(0, end).EnumerateLines())
        {
            lineNumber++;
            if (line.IsEmpty)
            {
                continue;
            }

            try
            {
                answers.Add(JsonSerializer.Deserialize(line, PaymentSimulatorJournalJsonContext.Default.SimulatedPaymentCall)
                    ?? throw new JsonException("The line is null."));
            }
            catch (JsonException exception)
            {
                throw new InvalidDataException($"The payment simulator's journal {path} cannot be read at line {lineNumber}: {exception.Message}", exception);
            }
        }

        // Whatever follows the last newline is an answer cut short; the next one overwrites it.
        var complete = Encoding.UTF8.GetByteCount(text.AsSpan(0, end));
        file.SetLength(complete);
        file.Position = complete;
        return answers;
    }
}

