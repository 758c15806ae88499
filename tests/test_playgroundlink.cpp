// TensorFlow Playground links: its random generator, data, initial weights and training, checked
// against numbers its own code produced (tests/data/tfplayground, see the README there).
#include "common/seedrandom.h"
#include "data/playgrounddata.h"
#include "io/sessionjson.h"
#include "session/playgroundlink.h"
#include "training/trainer.h"

#include <QtTest>

#include <cmath>

using namespace np;

namespace {

QJsonDocument fixture(const QString &name)
{
    QFile file(QStringLiteral(NP_TEST_DATA_DIR "/tfplayground/") + name + QStringLiteral(".json"));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s", qPrintable(name));
    return QJsonDocument::fromJson(file.readAll());
}

// spiral-b7 (250 points, batches of 7) and xor-b8 (350 points, batches of 8, L1) have a partial
// last batch, which TF Playground carries into the next epoch's first batch.
const QStringList kLinks = {"spiral", "circle", "xor", "gauss", "reg-plane", "reg-gauss", "spiral-b7", "xor-b8"};

PlaygroundLink parsed(const QString &url)
{
    PlaygroundLink link;
    const std::string error = parsePlaygroundLink(url.toStdString(), link);
    if (!error.empty())
        qFatal("%s", error.c_str());
    return link;
}

double relativeError(double a, double b)
{
    return std::abs(a - b) / std::max(std::abs(b), 1e-12);
}

}  // namespace

class TestPlaygroundLink : public QObject
{
    Q_OBJECT

private slots:
    void seedRandomMatchesSeedrandom()
    {
        const QJsonArray seeds = fixture("seedrandom").array();
        QCOMPARE(seeds.size(), 6);
        for (const QJsonValue &entry : seeds) {
            const QJsonObject o = entry.toObject();
            SeedRandom random(o["seed"].toString().toStdString());
            for (const QJsonValue &v : o["values"].toArray()) {
                const double ours = random.next();
                QVERIFY2(ours == v.toDouble(), qPrintable(QStringLiteral("seed '%1': %2 != %3")
                                                              .arg(o["seed"].toString())
                                                              .arg(ours, 0, 'g', 17)
                                                              .arg(v.toDouble(), 0, 'g', 17)));
            }
        }
    }

    void pointsAndWeights_data()
    {
        QTest::addColumn<QString>("name");
        for (const QString &name : kLinks)
            QTest::newRow(qPrintable(name)) << name;
    }

    // The points come from Math.sin/cos/log/sqrt: V8's fdlibm and glibc may differ in the last
    // bit, so coordinates are compared to 1e-13 (and counted when not bit-equal); labels, the
    // split and the weights (which need no transcendental function) must be bit-equal.
    void pointsAndWeights()
    {
        QFETCH(QString, name);
        const QJsonObject f = fixture(name).object();
        const PlaygroundStart start = playgroundStart(parsed(f["link"].toString()));
        QCOMPARE(start.trainCount, f["trainCount"].toInt());
        QCOMPARE(int(start.examples.size()) - start.trainCount, f["testCount"].toInt());
        int notBitEqual = 0;
        const auto check = [&](const PlaygroundExample &e, const QJsonArray &p) {
            QVERIFY(std::abs(e.x - p[0].toDouble()) <= 1e-13);
            QVERIFY(std::abs(e.y - p[1].toDouble()) <= 1e-13);
            QVERIFY(std::abs(e.label - p[2].toDouble()) <= 1e-13);
            notBitEqual += (e.x != p[0].toDouble()) + (e.y != p[1].toDouble()) + (e.label != p[2].toDouble());
        };
        const QJsonArray train = f["train"].toArray(), test = f["test"].toArray();
        for (int i = 0; i < train.size(); ++i)
            check(start.examples[std::size_t(i)], train[i].toArray());
        for (int i = 0; i < test.size(); ++i)
            check(start.examples[std::size_t(start.trainCount + i)], test[i].toArray());
        check(start.examples[std::size_t(start.trainCount - 1)], f["lastTrain"].toArray());
        if (notBitEqual > 0)
            qInfo("%s: %d coordinates differ in the last bits (Math.sin/cos vs glibc)", qPrintable(name), notBitEqual);

        const QJsonArray layers = f["layers"].toArray();
        QCOMPARE(int(start.layers.size()), layers.size());
        for (int l = 0; l < layers.size(); ++l) {
            const QJsonArray W = layers[l].toObject()["W"].toArray(), b = layers[l].toObject()["b"].toArray();
            const PlaygroundStart::Layer &ours = start.layers[std::size_t(l)];
            QCOMPARE(int(ours.W.size()), W.size());
            for (int i = 0; i < W.size(); ++i) {
                QCOMPARE(int(ours.W[std::size_t(i)].size()), W[i].toArray().size());
                for (int j = 0; j < W[i].toArray().size(); ++j)
                    QVERIFY(ours.W[std::size_t(i)][std::size_t(j)] == W[i].toArray()[j].toDouble());
                QVERIFY(ours.b[std::size_t(i)] == b[i].toDouble());
            }
        }
    }

    // Its loss after epochs 0, 1, 2 and 5 of its training loop; our engine trains in float, so
    // the losses agree to 1e-4 relative.
    void lossesAfterEpochs_data() { pointsAndWeights_data(); }
    void lossesAfterEpochs()
    {
        QFETCH(QString, name);
        const QJsonObject f = fixture(name).object();
        Session session;
        QCOMPARE(playgroundSession(parsed(f["link"].toString()), session), std::string());
        QVERIFY(session.state.has_value());
        Trainer trainer;
        QCOMPARE(trainer.reset(session.config, session.dataset), std::string());
        QCOMPARE(trainer.restore(*session.state), std::string());
        const QJsonObject loss = f["loss"].toObject();
        double worst = 0;
        const auto compare = [&](int epoch) {
            const HistoryRecord &r = trainer.history().back();
            QCOMPARE(r.epoch, std::int64_t(epoch));
            const QJsonArray expected = loss[QString::number(epoch)].toArray();
            const double train = expected[0].toDouble(), test = expected[1].toDouble();
            worst = std::max({worst, relativeError(r.train.loss, train), relativeError(r.validation.loss, test)});
            QVERIFY2(relativeError(r.train.loss, train) < 1e-4,
                     qPrintable(QStringLiteral("epoch %1 train %2 vs %3").arg(epoch).arg(r.train.loss, 0, 'g', 10).arg(train, 0, 'g', 10)));
            QVERIFY2(relativeError(r.validation.loss, test) < 1e-4,
                     qPrintable(QStringLiteral("epoch %1 test %2 vs %3").arg(epoch).arg(r.validation.loss, 0, 'g', 10).arg(test, 0, 'g', 10)));
        };
        compare(0);
        for (int epoch = 1; epoch <= 5; ++epoch) {
            QVERIFY(trainer.trainEpoch());
            if (epoch == 1 || epoch == 2 || epoch == 5)
                compare(epoch);
        }
        qInfo("%s: largest relative loss difference over epochs 0, 1, 2, 5: %.2e", qPrintable(name), worst);
        // Its L1 rule froze this many weights at exactly 0.
        int zero = 0;
        const Network<Scalar> &net = trainer.network();
        for (int l = 0; l < net.layerCount(); ++l)
            zero += int((net.W(l).array() == Scalar(0)).count());
        if (!f["link"].toString().contains("initZero=true"))
            QCOMPARE(zero, f["deadWeightsAfter5"].toInt());
    }

    void roundTrip_data() { pointsAndWeights_data(); }
    void roundTrip()
    {
        QFETCH(QString, name);
        const PlaygroundLink link = parsed(fixture(name).object()["link"].toString());
        Session session;
        QCOMPARE(playgroundSession(link, session), std::string());
        PlaygroundLink back;
        QCOMPARE(playgroundLinkFromSession(session, back), std::string());
        QCOMPARE(formatPlaygroundLink(back), formatPlaygroundLink(link));
    }

    void linkAsTheSiteWritesItRoundTrips()
    {
        const std::string url = "https://playground.tensorflow.org/#activation=tanh&batchSize=10&dataset=circle&"
                                "regDataset=reg-plane&learningRate=0.03&regularizationRate=0&noise=0&networkShape=4,2&"
                                "seed=0.80411&showTestData=false&discretize=false&percTrainData=50&x=true&y=true&"
                                "xTimesY=false&xSquared=false&ySquared=false&cosX=false&sinX=false&cosY=false&"
                                "sinY=false&collectStats=false&problem=classification&initZero=false&hideText=false&"
                                "noise_hide=true";
        const PlaygroundLink link = parsed(QString::fromStdString(url));
        QCOMPARE(formatPlaygroundLink(link), url);
        Session session;
        QCOMPARE(playgroundSession(link, session), std::string());
        QCOMPARE(session.sourceLink, url);
        PlaygroundLink back;
        QCOMPARE(playgroundLinkFromSession(session, back), std::string());
        QCOMPARE(formatPlaygroundLink(back), url);

        // The session file keeps the link; a file without one still loads.
        const SessionReadResult read = parseSession(sessionToJson(session));
        QVERIFY2(read.session.has_value(), read.error.c_str());
        QCOMPARE(read.session->sourceLink, url);
        QVERIFY(read.session->config.training.l1StopsAtZero == false);
    }

    void unknownKeysAndValuesAreNamed_data()
    {
        QTest::addColumn<QString>("hash");
        QTest::addColumn<QString>("named");
        QTest::newRow("unknown key") << "seed=1&colour=red" << "'colour'";
        QTest::newRow("activation") << "seed=1&activation=swish" << "activation=swish";
        QTest::newRow("dataset") << "seed=1&dataset=moons" << "dataset=moons";
        QTest::newRow("number") << "seed=1&learningRate=fast" << "learningRate=fast";
        QTest::newRow("boolean") << "seed=1&x=yes" << "x=yes";
        QTest::newRow("shape") << "seed=1&networkShape=4,a" << "networkShape=4,a";
        QTest::newRow("hide") << "seed=1&wings_hide=true" << "'wings_hide'";
        QTest::newRow("no seed") << "activation=tanh" << "no seed";
        QTest::newRow("no hash") << "https://example.org/" << "'#'";
    }
    void unknownKeysAndValuesAreNamed()
    {
        QFETCH(QString, hash);
        QFETCH(QString, named);
        PlaygroundLink link;
        link.learningRate = 0.5;  // untouched on error
        const std::string error = parsePlaygroundLink(("#" + hash).toStdString().substr(hash.startsWith("http") ? 1 : 0), link);
        QVERIFY2(QString::fromStdString(error).contains(named), error.c_str());
        QCOMPARE(link.learningRate, 0.5);
    }

    void hiddenControlsBecomeLocks()
    {
        const PlaygroundLink link = parsed("#seed=0.5&learningRate_hide=true&activation_hide=true&playButton_hide=true"
                                           "&noise_hide=false");
        const std::vector<std::string> locks = playgroundLocks(link);
        QCOMPARE(locks, (std::vector<std::string>{"learningRate", "layer*.activation"}));
        const QString note = QString::fromStdString(playgroundLockNote(link));
        QVERIFY(note.contains("Learning rate"));
        QVERIFY(note.contains("Activation"));
        QVERIFY(note.contains("Play button"));  // hidden there, nothing to lock here
        QVERIFY(!note.contains("Noise"));
        Session session;
        QCOMPARE(playgroundSession(link, session), std::string());
        const Lesson lesson = playgroundLesson(link, session);
        QCOMPARE(lesson.variants.size(), std::size_t(1));
        QCOMPARE(lesson.variants[0].locked, locks);
        QVERIFY(QString::fromStdString(lesson.text).contains("locked"));
    }

    void settingsItCannotExpressAreNamed()
    {
        Session session;
        QCOMPARE(playgroundSession(parsed("#seed=0.5"), session), std::string());
        PlaygroundLink link;
        Session s = session;
        s.config.training.optimizer.kind = OptimizerKind::Adam;
        QVERIFY(QString::fromStdString(playgroundLinkFromSession(s, link)).contains("Adam"));
        s = session;
        s.config.network.hidden[0].units = 9;
        QVERIFY(QString::fromStdString(playgroundLinkFromSession(s, link)).contains("at most 8"));
        s = session;
        s.config.network.hidden.resize(7, s.config.network.hidden[0]);
        QVERIFY(QString::fromStdString(playgroundLinkFromSession(s, link)).contains("at most 6"));
        s = session;
        s.config.network.hidden[1].activation = Activation::ReLU;
        QVERIFY(QString::fromStdString(playgroundLinkFromSession(s, link)).contains("one for all"));
        s = session;
        s.config.features.set(Feature::Radius, true);
        QVERIFY(QString::fromStdString(playgroundLinkFromSession(s, link)).contains("feature r"));
        s = session;
        s.dataset.points[0].x1 += 1;
        QVERIFY(QString::fromStdString(playgroundLinkFromSession(s, link)).contains("points were changed"));
        s = session;
        s.config.network.head = OutputHead::Sigmoid;
        s.config.network.loss = Loss::BinaryCrossEntropy;
        QVERIFY(QString::fromStdString(playgroundLinkFromSession(s, link)).contains("The output"));
    }

    void commandLineImportsALink()
    {
        const QString url = fixture("circle").object()["link"].toString();
        QTemporaryDir dir;
        const QString path = dir.filePath("circle.json");
        QProcess cli;
        cli.start(QStringLiteral(NP_CLI_PATH), {"import-link", url, "-o", path});
        QVERIFY(cli.waitForFinished(60000));
        QCOMPARE(cli.exitCode(), 0);
        const SessionReadResult read = loadSession(path.toStdString());
        QVERIFY2(read.session.has_value(), read.error.c_str());
        Session expected;
        QCOMPARE(playgroundSession(parsed(url), expected), std::string());
        QVERIFY(read.session->config == expected.config);
        QVERIFY(read.session->dataset == expected.dataset);
        QCOMPARE(read.session->state->parameters, expected.state->parameters);
        QCOMPARE(read.session->sourceLink, expected.sourceLink);

        cli.start(QStringLiteral(NP_CLI_PATH), {"import-link", "#seed=1&activation=swish", "-o", path + "2"});
        QVERIFY(cli.waitForFinished(60000));
        QCOMPARE(cli.exitCode(), 1);
        QVERIFY(QString::fromUtf8(cli.readAllStandardError()).contains("activation=swish"));
        QVERIFY(!QFile::exists(path + "2"));
    }

    // TF Playground's L1 rule as a trainer option: the L1 step that would carry a weight across
    // zero leaves it at 0, and it stays 0 while its neighbours keep learning.
    void l1StopsAtZeroFreezesCrossingWeights()
    {
        Session session;
        QCOMPARE(playgroundSession(parsed("#seed=l1&regularization=L1&regularizationRate=0.3&learningRate=0.1"
                                          "&networkShape=3&dataset=xor"),
                                   session),
                 std::string());
        QVERIFY(session.config.training.l1StopsAtZero);
        Trainer trainer;
        QCOMPARE(trainer.reset(session.config, session.dataset), std::string());
        QCOMPARE(trainer.restore(*session.state), std::string());
        std::vector<int> zeroAfter2;
        for (int epoch = 1; epoch <= 6; ++epoch) {
            QVERIFY(trainer.trainEpoch());
            const auto W = trainer.network().W(0);
            if (epoch == 2)
                for (Index k = 0; k < W.size(); ++k)
                    if (W.data()[k] == Scalar(0))
                        zeroAfter2.push_back(int(k));
        }
        QVERIFY(!zeroAfter2.empty());
        const auto W = trainer.network().W(0);
        for (int k : zeroAfter2)
            QCOMPARE(W.data()[k], Scalar(0));
        // Without the rule, plain L1 keeps those weights moving (sign(0) = 0, the data gradient pulls).
        Config plain = session.config;
        plain.training.l1StopsAtZero = false;
        Trainer other;
        QCOMPARE(other.reset(plain, session.dataset), std::string());
        QCOMPARE(other.restore(*session.state), std::string());
        for (int epoch = 1; epoch <= 6; ++epoch)
            QVERIFY(other.trainEpoch());
        int exactZeros = 0;
        for (Index k = 0; k < other.network().W(0).size(); ++k)
            exactZeros += other.network().W(0).data()[k] == Scalar(0);
        QVERIFY(exactZeros < int(zeroAfter2.size()));
    }

    // A session saved while a partial batch is carried and weights are frozen by the L1 rule
    // (as JSON, then read back) trains on to the same bits as one never saved.
    void savedMidCarryWithFrozenWeightsResumesExactly()
    {
        Session session;
        QCOMPARE(playgroundSession(parsed("#seed=l1&regularization=L1&regularizationRate=0.3&learningRate=0.1"
                                          "&networkShape=3&dataset=xor&batchSize=7"),
                                   session),
                 std::string());
        QVERIFY(session.config.training.carryPartialBatch);
        Trainer straight;
        QCOMPARE(straight.reset(session.config, session.dataset), std::string());
        QCOMPARE(straight.restore(*session.state), std::string());
        for (int epoch = 1; epoch <= 3; ++epoch)
            QVERIFY(straight.trainEpoch());
        TrainerState mid = straight.state();
        QCOMPARE(mid.carriedCount, std::int64_t(250 % 7));
        int frozen = 0;
        for (std::uint8_t d : mid.deadWeights)
            frozen += d;
        QVERIFY(frozen > 0);

        Session saved = session;
        saved.state = mid;
        const SessionReadResult read = parseSession(sessionToJson(saved));
        QVERIFY2(read.session.has_value(), read.error.c_str());
        QVERIFY(read.session->config.training.carryPartialBatch);
        QVERIFY(read.session->state->carriedGradients == mid.carriedGradients);
        QVERIFY(read.session->state->deadWeights == mid.deadWeights);
        Trainer resumed;
        QCOMPARE(resumed.reset(read.session->config, read.session->dataset), std::string());
        QCOMPARE(resumed.restore(*read.session->state), std::string());
        for (int epoch = 4; epoch <= 8; ++epoch) {
            QVERIFY(straight.trainEpoch());
            QVERIFY(resumed.trainEpoch());
        }
        const auto a = straight.network().parameters(), b = resumed.network().parameters();
        QVERIFY(std::equal(a.begin(), a.end(), b.begin(), b.end()));
        QCOMPARE(resumed.history().back().train.loss, straight.history().back().train.loss);

        // An old file (no frozen mask, no carry) still loads: then frozen weights may move again.
        mid.deadWeights.clear();
        mid.carriedGradients.clear();
        mid.carriedCount = 0;
        Trainer old;
        QCOMPARE(old.reset(session.config, session.dataset), std::string());
        QCOMPARE(old.restore(mid), std::string());
    }

    void javaScriptNumbers()
    {
        QCOMPARE(javaScriptNumber(0.03), std::string("0.03"));
        QCOMPARE(javaScriptNumber(10), std::string("10"));
        QCOMPARE(javaScriptNumber(0.00001), std::string("0.00001"));
        QCOMPARE(javaScriptNumber(1e-7), std::string("1e-7"));
        QCOMPARE(javaScriptNumber(1e21), std::string("1e+21"));
        QCOMPARE(javaScriptNumber(123.456), std::string("123.456"));
        QCOMPARE(javaScriptNumber(-2.5), std::string("-2.5"));
        QCOMPARE(javaScriptNumber(0.1 + 0.2), std::string("0.30000000000000004"));
    }
};

QTEST_GUILESS_MAIN(TestPlaygroundLink)
#include "test_playgroundlink.moc"
