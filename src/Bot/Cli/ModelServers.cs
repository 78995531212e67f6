using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using PaperBot.Rag.Llm.Remote;
using Spectre.Console;

namespace PaperBot.Bot.Cli;

/// <summary>The configured model servers with their health, for `models` and the chat's /model. Never shows API keys.</summary>
public static class ModelServers
{
    /// <summary>Probes the chat and embedding servers now; null for a provider that is local.</summary>
    public static async Task<(IReadOnlyList<EndpointStatus>? Chat, IReadOnlyList<EndpointStatus>? Embeddings)> ProbeAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var chat = services.GetKeyedService<EndpointPool>(RemoteServiceCollectionExtensions.ChatPoolKey);
        var embeddings = services.GetKeyedService<EndpointPool>(RemoteServiceCollectionExtensions.EmbeddingsPoolKey);
        return (chat is null ? null : await chat.ProbeAllAsync(cancellationToken),
            embeddings is null ? null : await embeddings.ProbeAllAsync(cancellationToken));
    }

    public static Table Table(IReadOnlyList<EndpointStatus> servers)
    {
        var table = new Table().AddColumns("Server", "Model", "Parallel", "Health", "In flight", "Served", "Last error");
        foreach (var s in servers)
        {
            table.AddRow(Markup.Escape(s.Url), Markup.Escape(s.Model), s.Parallel.ToString(CultureInfo.InvariantCulture), Health(s.Health),
                s.InFlight.ToString(CultureInfo.InvariantCulture), s.Served.ToString(CultureInfo.InvariantCulture), Markup.Escape(s.LastError ?? ""));
        }

        return table;
    }

    /// <summary>One plain line per server, for the chat's /model.</summary>
    public static string Line(EndpointStatus s) => string.Create(CultureInfo.InvariantCulture,
        $"server: {s.Url} model {s.Model}, {s.Health.ToString().ToLowerInvariant()}, {s.InFlight}/{s.Parallel} in flight, {s.Served} served{(s.LastError is null ? "" : $", last error: {s.LastError}")}");

    public static object Json(EndpointStatus s) => new
    {
        url = s.Url,
        model = s.Model,
        parallel = s.Parallel,
        health = s.Health.ToString().ToLowerInvariant(),
        in_flight = s.InFlight,
        served = s.Served,
        failures = s.Failures,
        last_error = s.LastError,
    };

    private static string Health(EndpointHealth health) => health switch
    {
        EndpointHealth.Healthy => "[green]up[/]",
        EndpointHealth.Down => "[red]down[/]",
        _ => "[grey]unknown[/]",
    };
}
