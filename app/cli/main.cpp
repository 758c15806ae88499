#include "commands.h"

int main(int argc, char **argv)
{
    return np::cli::run(argc, argv);
}
