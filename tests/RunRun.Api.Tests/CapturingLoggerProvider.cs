using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace RunRun.Api.Tests;

/// <summary>Keeps what the host logs, so a test can read the messages an operator would see.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<LoggedMessage> _messages = new();

    public IReadOnlyList<LoggedMessage> Messages => [.. _messages];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _messages);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<LoggedMessage> messages) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            messages.Enqueue(new LoggedMessage(category, logLevel, eventId, formatter(state, exception)));
    }
}

public sealed record LoggedMessage(string Category, LogLevel Level, EventId EventId, string Text);
