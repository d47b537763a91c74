using System.Text.Json;
using Dashboard.Training.Events;

namespace Dashboard.Runs;

/// <summary>The one JSON shape of events: camelCase, with a "type" discriminator.</summary>
public static class EventJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string Serialize(TrainingEvent trainingEvent) => JsonSerializer.Serialize(trainingEvent, Options);

    public static TrainingEvent Deserialize(string json) =>
        JsonSerializer.Deserialize<TrainingEvent>(json, Options) ?? throw new JsonException("empty event");
}
